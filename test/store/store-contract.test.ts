import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../src/store/open.js';
import type { CallbackRecord, HostedFlowRecord, Store, TransactionRecord } from '../../src/store/store.js';
import { reportSkipped, skipUnless } from '../helpers/optional.js';

/** One contract, run against every adapter: SQLite always, PostgreSQL when OPENIDV_TEST_POSTGRES_URL is set. */
const adapters: Array<{ name: string; open: () => Promise<{ store: Store; cleanup: () => Promise<void> }> }> = [
  {
    name: 'sqlite',
    open: async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openidv-store-'));
      const store = await openStore({ databaseUrl: null, dataDir: dir });
      return { store, cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
    },
  },
];
const pgUrl = process.env.OPENIDV_TEST_POSTGRES_URL;
reportSkipped(skipUnless(Boolean(pgUrl), 'PostgreSQL (OPENIDV_TEST_POSTGRES_URL)'));
if (pgUrl) {
  adapters.push({
    name: 'postgres',
    open: async () => {
      const store = await openStore({ databaseUrl: pgUrl, dataDir: os.tmpdir() });
      return { store, cleanup: async () => undefined };
    },
  });
}

const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

for (const adapter of adapters) {
  describe(`store contract: ${adapter.name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    before(async () => {
      ({ store, cleanup } = await adapter.open());
      await store.migrate(); // migrating twice is harmless
    });
    after(async () => {
      await store.close();
      await cleanup();
    });

    it('keeps accounts and their status', async () => {
      const id = unique('acct');
      await store.createAccount({ id, name: 'Tenant', status: 'active', createdAt: 1700000000000 });
      assert.deepEqual(await store.getAccount(id), { id, name: 'Tenant', status: 'active', createdAt: 1700000000000 });
      assert.equal(await store.setAccountStatus(id, 'suspended'), true);
      assert.equal((await store.getAccount(id))?.status, 'suspended');
      assert.equal(await store.setAccountStatus(unique('none'), 'active'), false);
      assert.equal(await store.getAccount(unique('none')), null);
    });

    it('creates, updates, disables and deletes access keys', async () => {
      const accountId = unique('acct');
      await store.createAccount({ id: accountId, name: 'a', status: 'active', createdAt: 1 });
      const id = unique('KEY');
      await store.upsertAccessKey({ id, accountId, secretSealed: 's1', permissions: ['*'], status: 'active', createdAt: 5 });
      await store.upsertAccessKey({ id, accountId, secretSealed: 's2', permissions: ['DocOcrMax'], status: 'active', createdAt: 6 });
      const key = await store.getAccessKey(id);
      assert.deepEqual(key, { id, accountId, secretSealed: 's2', permissions: ['DocOcrMax'], status: 'active', createdAt: 5, lastUsedAt: null });
      await store.touchAccessKey(id, 99);
      assert.equal((await store.getAccessKey(id))?.lastUsedAt, 99);
      assert.ok((await store.listAccessKeys()).some((k) => k.id === id));
      assert.equal(await store.setAccessKeyStatus(id, 'disabled'), true);
      assert.equal((await store.getAccessKey(id))?.status, 'disabled');
      assert.equal(await store.deleteAccessKey(id), true);
      assert.equal(await store.getAccessKey(id), null);
      assert.equal(await store.deleteAccessKey(id), false);
    });

    it('accepts a nonce once per key, and forgets expired ones', async () => {
      const key = unique('k');
      assert.equal(await store.claimNonce(key, 'nonce-1', 1000), true);
      assert.equal(await store.claimNonce(key, 'nonce-1', 1000), false);
      assert.equal(await store.claimNonce(unique('k'), 'nonce-1', 1000), true, 'nonces are per key');
      const concurrent = await Promise.all(Array.from({ length: 8 }, () => store.claimNonce(key, 'nonce-2', 2000)));
      assert.equal(concurrent.filter(Boolean).length, 1, 'exactly one concurrent claim wins');
      assert.ok((await store.purgeNonces(1500)) >= 1);
      assert.equal(await store.claimNonce(key, 'nonce-1', 3000), true, 'purged nonce');
    });

    it('records transactions and purges their personal parts after expiry', async () => {
      const base: TransactionRecord = {
        id: unique('tx'),
        accountId: 'a',
        action: 'DocOcrMax',
        productCode: 'ID_OCR_MAX',
        merchantBizId: 'biz',
        merchantUserIdSealed: 'sealed-user',
        sceneCode: 's',
        docType: 'GLB03002',
        passed: 'Y',
        subCode: '200',
        errorCode: null,
        resultSealed: 'sealed-result',
        timings: { detect: 12.5, total: 40 },
        createdAt: 1000,
        completedAt: 1040,
        expiresAt: 5000,
      };
      const later = { ...base, id: unique('tx'), expiresAt: 9000 };
      await store.insertTransaction(base);
      await store.insertTransaction(later);
      assert.deepEqual(await store.getTransaction(base.id), base);
      await assert.rejects(store.insertTransaction(base), 'ids are unique');
      assert.ok((await store.purgeExpiredPersonalData(6000)) >= 1);
      const purged = await store.getTransaction(base.id);
      assert.equal(purged?.resultSealed, null);
      assert.equal(purged?.merchantUserIdSealed, null);
      assert.equal(purged?.subCode, '200', 'the billing skeleton stays');
      assert.equal((await store.getTransaction(later.id))?.resultSealed, 'sealed-result');
    });

    it('keeps hosted flows by id and token hash, completes them once, and purges their personal parts', async () => {
      const flow: HostedFlowRecord = {
        id: unique('flow'),
        accountId: 'a',
        merchantBizId: 'biz',
        tokenHash: unique('hash'),
        docType: '01000000',
        optionsSealed: 'sealed-options',
        progressSealed: null,
        state: 'pending',
        passed: null,
        subCode: null,
        resultSealed: null,
        createdAt: 1000,
        linkExpiresAt: 2000,
        completedAt: null,
        expiresAt: 5000,
      };
      await store.insertHostedFlow(flow);
      assert.deepEqual(await store.getHostedFlow(flow.id), flow);
      assert.deepEqual(await store.getHostedFlowByToken(flow.tokenHash), flow);
      assert.equal(await store.getHostedFlowByToken(unique('hash')), null);
      await assert.rejects(store.insertHostedFlow({ ...flow, id: unique('flow') }), 'token hashes are unique');
      assert.equal(await store.saveHostedFlowProgress(flow.id, 'sealed-progress'), true);
      assert.equal((await store.getHostedFlow(flow.id))?.progressSealed, 'sealed-progress');
      const outcome = { passed: 'Y' as const, subCode: '200', resultSealed: 'sealed-result', completedAt: 1500 };
      const racers = await Promise.all(Array.from({ length: 6 }, () => store.completeHostedFlow(flow.id, outcome)));
      assert.equal(racers.filter(Boolean).length, 1, 'exactly one completion wins');
      const done = await store.getHostedFlow(flow.id);
      assert.deepEqual(
        { state: done?.state, passed: done?.passed, subCode: done?.subCode, result: done?.resultSealed, at: done?.completedAt, progress: done?.progressSealed },
        { state: 'completed', passed: 'Y', subCode: '200', result: 'sealed-result', at: 1500, progress: null },
      );
      assert.equal(await store.saveHostedFlowProgress(flow.id, 'late'), false, 'no progress after completion');
      await store.purgeExpiredPersonalData(6000);
      const purged = await store.getHostedFlow(flow.id);
      assert.equal(purged?.resultSealed, null);
      assert.equal(purged?.optionsSealed, null);
      assert.equal(purged?.subCode, '200');
    });

    it('forgets the photos of flows abandoned past their link expiry, not those still open or completed', async () => {
      const base = {
        accountId: 'a', merchantBizId: 'biz', docType: '01000000', optionsSealed: 'o', progressSealed: 'photos', state: 'pending' as const,
        passed: null, subCode: null, resultSealed: null, createdAt: 1000, completedAt: null, expiresAt: 99_000,
      };
      const abandoned = { ...base, id: unique('flow'), tokenHash: unique('h'), linkExpiresAt: 2000 };
      const open = { ...base, id: unique('flow'), tokenHash: unique('h'), linkExpiresAt: 9000 };
      await store.insertHostedFlow(abandoned);
      await store.insertHostedFlow(open);
      assert.ok((await store.purgeAbandonedFlows(5000)) >= 1);
      assert.equal((await store.getHostedFlow(abandoned.id))?.progressSealed, null);
      assert.equal((await store.getHostedFlow(abandoned.id))?.optionsSealed, 'o');
      assert.equal((await store.getHostedFlow(open.id))?.progressSealed, 'photos');
    });

    it('counts abnormal calls per account and subject within a window', async () => {
      const subject = unique('subj');
      for (const at of [100, 200, 300]) await store.recordAbnormalCall('acct-a', subject, at);
      await store.recordAbnormalCall('acct-b', subject, 300);
      assert.equal(await store.countAbnormalCalls('acct-a', subject, 150), 2);
      assert.equal(await store.countAbnormalCalls('acct-a', subject, 0), 3);
      assert.equal(await store.countAbnormalCalls('acct-b', subject, 0), 1);
      assert.ok((await store.purgeAbnormalCalls(250)) >= 2);
      assert.equal(await store.countAbnormalCalls('acct-a', subject, 0), 1);
    });

    it('queues callbacks, lets one claimer take a due one, records attempts and deletes them after retention', async () => {
      const cb: CallbackRecord = {
        transactionId: unique('tx'),
        accountId: 'a',
        urlSealed: 'sealed-url',
        status: 'pending',
        attempts: 0,
        nextAttemptAt: 1000,
        lastAttemptAt: null,
        lastOutcome: null,
        createdAt: 900,
        expiresAt: 10_000,
      };
      await store.insertCallback(cb);
      assert.deepEqual(await store.getCallback(cb.transactionId), cb);
      assert.ok(!(await store.dueCallbacks(999, 100)).some((c) => c.transactionId === cb.transactionId), 'not due yet');
      assert.ok((await store.dueCallbacks(1000, 100)).some((c) => c.transactionId === cb.transactionId));
      const claims = await Promise.all(Array.from({ length: 5 }, () => store.claimCallback(cb.transactionId, 0, 1000, 5000)));
      assert.equal(claims.filter(Boolean).length, 1, 'exactly one claim wins');
      assert.ok(!(await store.dueCallbacks(4999, 100)).some((c) => c.transactionId === cb.transactionId), 'leased');
      await store.recordCallbackAttempt(cb.transactionId, { attempts: 1, status: 'pending', nextAttemptAt: 3000, lastAttemptAt: 1001, lastOutcome: 'HTTP 503' });
      assert.equal(await store.claimCallback(cb.transactionId, 0, 3000, 6000), false, 'a stale attempt count cannot claim');
      await store.recordCallbackAttempt(cb.transactionId, { attempts: 2, status: 'delivered', nextAttemptAt: 3001, lastAttemptAt: 3001, lastOutcome: 'HTTP 200' });
      const delivered = await store.getCallback(cb.transactionId);
      assert.deepEqual([delivered?.status, delivered?.attempts, delivered?.lastOutcome], ['delivered', 2, 'HTTP 200']);
      assert.ok(!(await store.dueCallbacks(99_999, 100)).some((c) => c.transactionId === cb.transactionId), 'delivered ones are done');
      await store.purgeExpiredPersonalData(20_000);
      assert.equal(await store.getCallback(cb.transactionId), null);
    });
  });
}
