/** Authorize=T adapter against a local HTTP server: what is sent, and every kind of answer. */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { askAuthority, completeAuthorization } from '../../src/actions/authority.js';

describe('authority adapter', () => {
  let server: http.Server;
  let base: string;
  const seen: Array<{ url: string; auth: string | undefined; type: string | undefined; body: unknown }> = [];

  before(async () => {
    server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        const body = raw ? (JSON.parse(raw) as { idNumber?: string }) : {};
        seen.push({ url: req.url ?? '', auth: req.headers.authorization, type: req.headers['content-type'], body });
        if (req.url === '/slow') return void setTimeout(() => res.end('{"match":true}'), 5000).unref();
        if (req.url === '/broken') return void res.writeHead(500).end('oops');
        if (req.url === '/garbage') return void res.writeHead(200).end('not json');
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ match: body.idNumber === '110105199001021238' }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const config = (path: string, token: string | null = 'op-token', timeoutMs = 10_000) => ({ url: `${base}${path}`, token, timeoutMs });
  const query = { docType: 'CHN01001', name: '张伟明', idNumber: '110105199001021238' };

  it('sends nothing when not configured', async () => {
    const before = seen.length;
    assert.equal(await askAuthority(null, query), 'not-configured');
    assert.equal(seen.length, before);
  });

  it('POSTs {docType, name, idNumber} as JSON with the bearer token and reads {match}', async () => {
    assert.equal(await askAuthority(config('/check'), query), 'match');
    const last = seen.at(-1)!;
    assert.deepEqual(last.body, query);
    assert.equal(last.auth, 'Bearer op-token');
    assert.match(last.type ?? '', /application\/json/);
    assert.equal(await askAuthority(config('/check', null), { ...query, idNumber: '11010519900102123X' }), 'no-match');
    assert.equal(seen.at(-1)!.auth, undefined);
  });

  it('reports an unavailable authority on timeout, HTTP errors, bad answers and refused connections', async () => {
    assert.equal(await askAuthority(config('/slow', null, 200), query), 'unavailable');
    assert.equal(await askAuthority(config('/broken'), query), 'unavailable');
    assert.equal(await askAuthority(config('/garbage'), query), 'unavailable');
    assert.equal(await askAuthority({ url: 'http://127.0.0.1:1/', token: null, timeoutMs: 300 }, query), 'unavailable');
  });

  it('combines with the offline checks: failed checks are not sent, a non-match fails the whole check', async () => {
    const offline = { passed: 'Y' as const, checks: { checksum: true } };
    assert.deepEqual(await completeAuthorization(config('/check'), 'CHN01001', offline, query), { ...offline, authority: 'match' });
    const no = await completeAuthorization(config('/check'), 'CHN01001', offline, { ...query, idNumber: '110105199001021246' });
    assert.deepEqual([no.passed, no.authority], ['N', 'no-match']);
    const before = seen.length;
    const failed = await completeAuthorization(config('/check'), 'CHN01001', { passed: 'N', checks: { checksum: false } }, query);
    assert.deepEqual([failed.passed, failed.authority], ['N', 'not-asked']);
    assert.equal(seen.length, before);
    assert.equal((await completeAuthorization(null, 'CHN01001', offline, query)).authority, 'not-configured');
  });
});
