import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../src/store/open.js';
import type { Store, TransactionRecord } from '../../src/store/store.js';
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
  });
}
