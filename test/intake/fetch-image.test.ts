import assert from 'node:assert/strict';
import dns from 'node:dns';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { fetchImage, isPublicAddress, loadImage, type ResolvedAddress } from '../../src/intake/index.js';
import { installNetworkJail, markedJpeg, rejectsWith, type NetworkJail } from './helpers.js';

/** A public unicast address that the network jail maps to 127.0.0.1 below the code under test. */
const VIRTUAL_PUBLIC = '93.184.215.14';

interface TestServer {
  readonly port: number;
  readonly base: string;
  /** Host header of each request, in order. */
  readonly hosts: string[];
  /** Resolves when the server-side socket of the next request to `path` closes. */
  closedAfter(path: string): Promise<void>;
  close(): Promise<void>;
}

async function startServer(image: Buffer): Promise<TestServer> {
  const hosts: string[] = [];
  const closeWaiters = new Map<string, () => void>();
  let port = 0;
  const server = http.createServer((req, res) => {
    hosts.push(req.headers.host ?? '');
    const url = new URL(req.url ?? '/', 'http://x');
    res.on('close', () => {
      closeWaiters.get(url.pathname)?.();
      closeWaiters.delete(url.pathname);
    });
    const redirect = /^\/r\/(\d+)$/.exec(url.pathname);
    if (redirect) {
      const left = Number(redirect[1]);
      res.writeHead(302, { location: left === 0 ? '/img.jpg' : `/r/${left - 1}` }).end();
      return;
    }
    switch (url.pathname) {
      case '/img.jpg':
        res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': image.length }).end(image);
        return;
      case '/chunked.jpg':
        res.writeHead(200, { 'content-type': 'image/jpeg' });
        res.write(image.subarray(0, 1000));
        setTimeout(() => res.end(image.subarray(1000)), 10);
        return;
      case '/slow-headers':
        return; // never answers
      case '/slow-body':
        res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': image.length });
        res.write(image.subarray(0, 100)); // and then nothing
        return;
      case '/huge': {
        res.writeHead(200, { 'content-type': 'image/jpeg' });
        const chunk = Buffer.alloc(64 * 1024, 0xab);
        const pump = (): void => {
          while (!res.destroyed && res.write(chunk));
          if (!res.destroyed) res.once('drain', pump);
        };
        pump();
        return;
      }
      case '/announced-huge':
        res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': 100 * 1024 * 1024 });
        res.write(Buffer.alloc(1024));
        return;
      case '/reset':
        res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': image.length });
        res.write(image.subarray(0, 100), () => req.socket.destroy());
        return;
      case '/missing':
        res.writeHead(404).end('not found');
        return;
      case '/error':
        res.writeHead(500).end();
        return;
      case '/redirect-no-location':
        res.writeHead(301).end();
        return;
      case '/to-file':
        res.writeHead(302, { location: 'file:///etc/passwd' }).end();
        return;
      case '/to-metadata':
        res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data' }).end();
        return;
      case '/to-loopback':
        res.writeHead(301, { location: `http://127.0.0.1:${port}/img.jpg` }).end();
        return;
      case '/to-private':
        res.writeHead(308, { location: 'http://10.0.0.1/img.jpg' }).end();
        return;
      default:
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    hosts,
    closedAfter(path) {
      return new Promise<void>((resolve) => closeWaiters.set(path, resolve));
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
    }),
  ]);
}

let jail: NetworkJail;
let server: TestServer;
let image: Buffer;
const local = { allowPrivate: true, timeoutMs: 2000 } as const;

before(async () => {
  jail = installNetworkJail();
  jail.virtualHosts.set(VIRTUAL_PUBLIC, '127.0.0.1');
  image = await markedJpeg(400, 300);
  server = await startServer(image);
});

after(async () => {
  await server.close();
  jail.restore();
  assert.deepEqual(jail.violations, [], 'no connection left loopback');
});

beforeEach(() => {
  jail.attempts.length = 0;
  server.hosts.length = 0;
});

describe('fetchImage from a local server (allowPrivate)', () => {
  it('downloads an image, with Content-Length or chunked', async () => {
    const body = await fetchImage(`${server.base}/img.jpg`, local);
    assert.deepEqual(body, image);
    const loaded = await loadImage(body);
    assert.deepEqual([loaded.width, loaded.height], [400, 300]);
    assert.deepEqual(await fetchImage(`${server.base}/chunked.jpg`, local), image);
    assert.deepEqual(jail.attempts, ['127.0.0.1', '127.0.0.1']);
  });

  it('gives up at the deadline with DownloadTimeout and closes the socket', async () => {
    for (const path of ['/slow-headers', '/slow-body']) {
      const closed = server.closedAfter(path);
      const started = performance.now();
      await rejectsWith(fetchImage(`${server.base}${path}`, { ...local, timeoutMs: 150 }), 'DownloadTimeout');
      const elapsed = performance.now() - started;
      assert.ok(elapsed >= 140 && elapsed < 5000, `${path}: gave up after ${elapsed.toFixed(0)} ms`);
      await withTimeout(closed, 1000, `${path}: server socket close`);
    }
  });

  it('stops reading an endless body at maxBytes with ToolargeImage and closes the socket', async () => {
    const closed = server.closedAfter('/huge');
    await rejectsWith(fetchImage(`${server.base}/huge`, { ...local, maxBytes: 256 * 1024 }), 'ToolargeImage');
    await withTimeout(closed, 1000, 'server socket close');
  });

  it('refuses a Content-Length above maxBytes without reading the body', async () => {
    const closed = server.closedAfter('/announced-huge');
    await rejectsWith(fetchImage(`${server.base}/announced-huge`, local), 'ToolargeImage', /104857600 bytes/);
    await withTimeout(closed, 1000, 'server socket close');
  });

  it('follows a redirect chain up to maxRedirects, and no further', async () => {
    assert.deepEqual(await fetchImage(`${server.base}/r/2`, { ...local, maxRedirects: 3 }), image);
    assert.equal(jail.attempts.length, 4, 'one connection per hop');
    jail.attempts.length = 0;
    await rejectsWith(fetchImage(`${server.base}/r/3`, { ...local, maxRedirects: 3 }), 'InvalidParameter', /redirects/);
    assert.equal(jail.attempts.length, 4, 'stopped after the fourth response');
    await rejectsWith(fetchImage(`${server.base}/r/0`, { ...local, maxRedirects: 0 }), 'InvalidParameter', /redirects/);
  });

  it('maps HTTP errors, a redirect without Location and a redirect to file: to InvalidParameter', async () => {
    await rejectsWith(fetchImage(`${server.base}/missing`, local), 'InvalidParameter', /HTTP 404/);
    await rejectsWith(fetchImage(`${server.base}/error`, local), 'InvalidParameter', /HTTP 500/);
    await rejectsWith(fetchImage(`${server.base}/redirect-no-location`, local), 'InvalidParameter', /Location/);
    await rejectsWith(fetchImage(`${server.base}/to-file`, local), 'InvalidParameter', /http or https/);
  });

  it('maps refused and reset connections, and TLS to a plain-HTTP port, to InvalidParameter', async () => {
    const closedServer = http.createServer();
    await new Promise<void>((resolve) => closedServer.listen(0, '127.0.0.1', resolve));
    const deadPort = (closedServer.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closedServer.close(() => resolve()));

    await rejectsWith(fetchImage(`http://127.0.0.1:${deadPort}/img.jpg`, local), 'InvalidParameter', /could not be downloaded/);
    await rejectsWith(fetchImage(`${server.base}/reset`, local), 'InvalidParameter', /could not be downloaded/);
    await rejectsWith(
      fetchImage(`https://127.0.0.1:${server.port}/img.jpg`, local),
      'InvalidParameter',
      /could not be downloaded/,
    );
  });
});

describe('the network jail used by these tests', () => {
  it('refuses a non-loopback connection before it is made', async () => {
    const before = jail.violations.length;
    const literal = new Promise<Error>((resolve) => {
      try {
        http.get({ hostname: '198.51.100.7', port: 80, agent: false }).on('error', resolve);
      } catch (err) {
        resolve(err as Error);
      }
    });
    assert.match((await withTimeout(literal, 1000, 'jail refusal')).message, /network jail/);
    const byName = new Promise<Error>((resolve) => {
      const lookup = ((_h: string, _o: unknown, cb: (e: null, a: string, f: number) => void) =>
        cb(null, '8.8.8.8', 4)) as unknown as import('node:net').LookupFunction;
      http.get({ hostname: 'outside.test', port: 80, agent: false, lookup }).on('error', resolve);
    });
    assert.match((await withTimeout(byName, 1000, 'jail refusal')).message, /network jail/);
    assert.deepEqual(jail.violations.splice(before), ['198.51.100.7', '8.8.8.8']);
  });
});

describe('fetchImage address policy (allowPrivate false)', () => {
  const neverResolve = async (): Promise<readonly ResolvedAddress[]> => {
    throw new Error('DNS must not be consulted for this URL');
  };

  it('refuses loopback, private, link-local, metadata and other special literal addresses before connecting', async () => {
    for (const url of [
      'http://127.0.0.1/',
      `http://127.0.0.1:${server.port}/img.jpg`,
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:a9fe:a9fe]/latest/meta-data',
      'http://169.254.169.254/latest/meta-data',
      'http://10.0.0.1/',
      'http://172.16.5.4/',
      'http://192.168.1.1/',
      'http://100.64.0.1/',
      'http://0.0.0.0/',
      'http://0/',
      'http://255.255.255.255/',
      'http://224.0.0.251/',
      'http://240.0.0.1/',
      'http://2130706433/', // decimal 127.0.0.1
      'http://0x7f.1/', // hex/short 127.0.0.1
      'http://0177.0.0.1/', // octal 127.0.0.1
      'http://[::]/',
      'http://[fd00::1]/',
      'http://[fe80::1]/',
      'http://[ff02::1]/',
      'http://[::7f00:1]/', // IPv4-compatible 127.0.0.1
      'http://[2002:7f00:1::]/', // 6to4 of 127.0.0.1
      'http://[2002:a9fe:a9fe::]/', // 6to4 of 169.254.169.254
      'http://[64:ff9b::a9fe:a9fe]/', // NAT64 of 169.254.169.254
      'http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/', // Teredo, client 127.0.0.1
      'http://[2001:db8::1]/',
    ]) {
      await rejectsWith(
        fetchImage(url, { resolveHost: neverResolve, timeoutMs: 500 }),
        'InvalidParameter',
        /address not allowed/,
      ).catch((err: Error) => {
        throw new Error(`${url}: ${err.message}`);
      });
    }
    assert.deepEqual(jail.attempts, [], 'no connection was attempted');
  });

  it('refuses non-http schemes, unparsable URLs and credentials', async () => {
    for (const url of [
      'file:///etc/passwd',
      'ftp://example.com/image.jpg',
      'gopher://127.0.0.1:70/_GET',
      'javascript:alert(1)',
      'data:image/png;base64,iVBORw0KGgo=',
      'ws://example.com/',
      'not a url',
      '',
      'http://',
      'http://exa mple.com/',
    ]) {
      await rejectsWith(fetchImage(url, { resolveHost: neverResolve }), 'InvalidParameter').catch((err: Error) => {
        throw new Error(`${JSON.stringify(url)}: ${err.message}`);
      });
    }
    await rejectsWith(
      fetchImage(`http://user:secret@127.0.0.1:${server.port}/img.jpg`, { allowPrivate: true }),
      'InvalidParameter',
      /credentials/,
    );
    assert.deepEqual(jail.attempts, []);
  });

  it('refuses localhost, which resolves to loopback', async (t) => {
    const resolved = await dns.promises.lookup('localhost', { all: true }).catch(() => []);
    if (resolved.length === 0) return t.skip('localhost does not resolve here');
    await rejectsWith(fetchImage(`http://localhost:${server.port}/img.jpg`), 'InvalidParameter', /address not allowed/);
    assert.deepEqual(jail.attempts, []);
  });

  it('refuses a name when ANY of its addresses is not allowed', async () => {
    const resolveHost = async (): Promise<readonly ResolvedAddress[]> => [
      { address: VIRTUAL_PUBLIC, family: 4 },
      { address: '10.0.0.1', family: 4 },
    ];
    await rejectsWith(fetchImage('http://mixed.test/img.jpg', { resolveHost }), 'InvalidParameter', /address not allowed/);
    const mapped = async (): Promise<readonly ResolvedAddress[]> => [{ address: '::ffff:10.0.0.1', family: 6 }];
    await rejectsWith(fetchImage('http://mapped.test/img.jpg', { resolveHost: mapped }), 'InvalidParameter', /not allowed/);
    assert.deepEqual(jail.attempts, []);
  });

  it('maps a DNS failure to InvalidParameter', async () => {
    const fail = async (): Promise<readonly ResolvedAddress[]> => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    await rejectsWith(fetchImage('http://nowhere.test/', { resolveHost: fail }), 'InvalidParameter', /resolved/);
    const empty = async (): Promise<readonly ResolvedAddress[]> => [];
    await rejectsWith(fetchImage('http://nowhere.test/', { resolveHost: empty }), 'InvalidParameter', /resolved/);
  });

  it('counts a slow DNS answer against the deadline', async () => {
    const slow = (): Promise<readonly ResolvedAddress[]> =>
      new Promise((resolve) => setTimeout(() => resolve([{ address: VIRTUAL_PUBLIC, family: 4 }]), 400));
    await rejectsWith(fetchImage('http://slow-dns.test/img.jpg', { resolveHost: slow, timeoutMs: 100 }), 'DownloadTimeout');
    assert.deepEqual(jail.attempts, []);
  });

  it('connects to the vetted address only (one lookup per hop), keeping the name in the Host header', async () => {
    let lookups = 0;
    // A rebinding resolver: public the first time, loopback afterwards.
    const rebinding = async (): Promise<readonly ResolvedAddress[]> =>
      lookups++ === 0 ? [{ address: VIRTUAL_PUBLIC, family: 4 }] : [{ address: '127.0.0.1', family: 4 }];
    const body = await fetchImage(`http://images.example:${server.port}/img.jpg`, { resolveHost: rebinding });
    assert.deepEqual(body, image);
    assert.equal(lookups, 1);
    assert.deepEqual(jail.attempts, ['127.0.0.1'], 'dialled the (virtually public) vetted address');
    assert.deepEqual(server.hosts, [`images.example:${server.port}`]);
  });

  it('re-checks every redirect hop: a public host redirecting inward is refused', async () => {
    const resolveHost = async (): Promise<readonly ResolvedAddress[]> => [{ address: VIRTUAL_PUBLIC, family: 4 }];
    for (const path of ['/to-metadata', '/to-loopback', '/to-private']) {
      jail.attempts.length = 0;
      await rejectsWith(
        fetchImage(`http://images.example:${server.port}${path}`, { resolveHost }),
        'InvalidParameter',
        /address not allowed/,
      );
      assert.deepEqual(jail.attempts, ['127.0.0.1'], `${path}: only the first hop connected`);
    }
    // https by name goes through the same pinned lookup (and sends SNI); the TLS handshake with a plain-HTTP
    // server then fails.
    jail.attempts.length = 0;
    await rejectsWith(
      fetchImage(`https://images.example:${server.port}/img.jpg`, { resolveHost }),
      'InvalidParameter',
      /could not be downloaded/,
    );
    assert.deepEqual(jail.attempts, ['127.0.0.1']);
    // The same redirect is followed when private targets are allowed.
    assert.deepEqual(
      await fetchImage(`http://images.example:${server.port}/to-loopback`, { resolveHost, allowPrivate: true }),
      image,
    );
  });
});

describe('isPublicAddress', () => {
  it('accepts public unicast, including embedded public IPv4', () => {
    for (const address of [
      '8.8.8.8',
      '1.1.1.1',
      VIRTUAL_PUBLIC,
      '2606:4700:4700::1111',
      '::ffff:8.8.8.8',
      '2002:808:808::1',
      '64:ff9b::808:808',
      '2001:0:4136:e378:8000:63bf:f7f7:f7f7', // Teredo, client 8.8.8.8
    ]) {
      assert.equal(isPublicAddress(address), true, address);
    }
  });

  it('refuses special-purpose ranges and non-addresses', () => {
    for (const address of [
      '127.0.0.1',
      '127.255.255.254',
      '10.1.2.3',
      '172.31.255.255',
      '192.168.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '100.127.255.255',
      '0.0.0.0',
      '0.1.2.3',
      '255.255.255.255',
      '224.0.0.1',
      '239.255.255.250',
      '192.0.2.1',
      '198.18.0.1',
      '240.0.0.1',
      '::',
      '::1',
      '::ffff:127.0.0.1',
      '::ffff:0:a00:1', // RFC 6145 of 10.0.0.1
      '::7f00:1',
      'fc00::1',
      'fd12:3456::1',
      'fe80::1',
      'fec0::1',
      'ff02::1',
      '2001:db8::1',
      '2002:a00:1::', // 6to4 of 10.0.0.1
      '64:ff9b::7f00:1',
      '64:ff9b:1::808:808', // NAT64 local-use prefix
      '2001:0:4136:e378:8000:63bf:80ff:fffe', // Teredo, client 127.0.0.1
      '100::1', // discard
      '2130706433',
      '0x7f.1',
      'localhost',
      '',
    ]) {
      assert.equal(isPublicAddress(address), false, address);
    }
  });
});
