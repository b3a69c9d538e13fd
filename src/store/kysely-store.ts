import type { Kysely } from 'kysely';
import type { AccessKey, Account, AccountStatus, KeyStatus, Store, TransactionRecord } from './store.js';

interface Database {
  accounts: { id: string; name: string; status: string; created_at: number | string };
  access_keys: {
    id: string;
    account_id: string;
    secret_sealed: string;
    permissions: string;
    status: string;
    created_at: number | string;
    last_used_at: number | string | null;
  };
  nonces: { key_id: string; nonce: string; expires_at: number | string };
  transactions: {
    id: string;
    account_id: string;
    action: string;
    product_code: string | null;
    merchant_biz_id: string;
    merchant_user_id_sealed: string | null;
    scene_code: string | null;
    doc_type: string | null;
    passed: string | null;
    sub_code: string | null;
    error_code: string | null;
    result_sealed: string | null;
    timings: string;
    created_at: number | string;
    completed_at: number | string | null;
    expires_at: number | string;
  };
}

const num = (v: number | string): number => Number(v);
const numOrNull = (v: number | string | null): number | null => (v === null ? null : Number(v));

/** One implementation for SQLite and PostgreSQL: the SQL is the same through kysely. */
export class KyselyStore implements Store {
  constructor(
    readonly kind: 'sqlite' | 'postgres',
    private readonly db: Kysely<Database>,
  ) {}

  async migrate(): Promise<void> {
    const s = this.db.schema;
    await s
      .createTable('accounts')
      .ifNotExists()
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('name', 'varchar(200)', (c) => c.notNull())
      .addColumn('status', 'varchar(16)', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await s
      .createTable('access_keys')
      .ifNotExists()
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('account_id', 'varchar(64)', (c) => c.notNull().references('accounts.id'))
      .addColumn('secret_sealed', 'text', (c) => c.notNull())
      .addColumn('permissions', 'text', (c) => c.notNull())
      .addColumn('status', 'varchar(16)', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_used_at', 'bigint')
      .execute();
    await s
      .createTable('nonces')
      .ifNotExists()
      .addColumn('key_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('nonce', 'varchar(128)', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('nonces_pk', ['key_id', 'nonce'])
      .execute();
    await s.createIndex('nonces_expires').ifNotExists().on('nonces').column('expires_at').execute();
    await s
      .createTable('transactions')
      .ifNotExists()
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('action', 'varchar(64)', (c) => c.notNull())
      .addColumn('product_code', 'varchar(32)')
      .addColumn('merchant_biz_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('merchant_user_id_sealed', 'text')
      .addColumn('scene_code', 'varchar(32)')
      .addColumn('doc_type', 'varchar(16)')
      .addColumn('passed', 'varchar(1)')
      .addColumn('sub_code', 'varchar(8)')
      .addColumn('error_code', 'varchar(64)')
      .addColumn('result_sealed', 'text')
      .addColumn('timings', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('completed_at', 'bigint')
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await s
      .createIndex('transactions_merchant')
      .ifNotExists()
      .on('transactions')
      .columns(['account_id', 'merchant_biz_id'])
      .execute();
    await s.createIndex('transactions_expires').ifNotExists().on('transactions').column('expires_at').execute();
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  async createAccount(a: Account): Promise<void> {
    await this.db
      .insertInto('accounts')
      .values({ id: a.id, name: a.name, status: a.status, created_at: a.createdAt })
      .execute();
  }

  async getAccount(id: string): Promise<Account | null> {
    const r = await this.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? { id: r.id, name: r.name, status: r.status as AccountStatus, createdAt: num(r.created_at) } : null;
  }

  async setAccountStatus(id: string, status: AccountStatus): Promise<boolean> {
    const r = await this.db.updateTable('accounts').set({ status }).where('id', '=', id).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async upsertAccessKey(k: Omit<AccessKey, 'lastUsedAt'>): Promise<void> {
    const permissions = JSON.stringify(k.permissions);
    await this.db
      .insertInto('access_keys')
      .values({
        id: k.id,
        account_id: k.accountId,
        secret_sealed: k.secretSealed,
        permissions,
        status: k.status,
        created_at: k.createdAt,
        last_used_at: null,
      })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({ secret_sealed: k.secretSealed, permissions, status: k.status, account_id: k.accountId }),
      )
      .execute();
  }

  async getAccessKey(id: string): Promise<AccessKey | null> {
    const r = await this.db.selectFrom('access_keys').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toKey(r) : null;
  }

  async listAccessKeys(): Promise<AccessKey[]> {
    const rows = await this.db.selectFrom('access_keys').selectAll().orderBy('created_at').execute();
    return rows.map(toKey);
  }

  async setAccessKeyStatus(id: string, status: KeyStatus): Promise<boolean> {
    const r = await this.db.updateTable('access_keys').set({ status }).where('id', '=', id).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async deleteAccessKey(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('access_keys').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async touchAccessKey(id: string, at: number): Promise<void> {
    await this.db.updateTable('access_keys').set({ last_used_at: at }).where('id', '=', id).execute();
  }

  async claimNonce(keyId: string, nonce: string, expiresAt: number): Promise<boolean> {
    const r = await this.db
      .insertInto('nonces')
      .values({ key_id: keyId, nonce, expires_at: expiresAt })
      .onConflict((oc) => oc.columns(['key_id', 'nonce']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  async purgeNonces(now: number): Promise<number> {
    const r = await this.db.deleteFrom('nonces').where('expires_at', '<', now).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async insertTransaction(t: TransactionRecord): Promise<void> {
    await this.db
      .insertInto('transactions')
      .values({
        id: t.id,
        account_id: t.accountId,
        action: t.action,
        product_code: t.productCode,
        merchant_biz_id: t.merchantBizId,
        merchant_user_id_sealed: t.merchantUserIdSealed,
        scene_code: t.sceneCode,
        doc_type: t.docType,
        passed: t.passed,
        sub_code: t.subCode,
        error_code: t.errorCode,
        result_sealed: t.resultSealed,
        timings: JSON.stringify(t.timings),
        created_at: t.createdAt,
        completed_at: t.completedAt,
        expires_at: t.expiresAt,
      })
      .execute();
  }

  async getTransaction(id: string): Promise<TransactionRecord | null> {
    const r = await this.db.selectFrom('transactions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) return null;
    return {
      id: r.id,
      accountId: r.account_id,
      action: r.action,
      productCode: r.product_code,
      merchantBizId: r.merchant_biz_id,
      merchantUserIdSealed: r.merchant_user_id_sealed,
      sceneCode: r.scene_code,
      docType: r.doc_type,
      passed: r.passed as 'Y' | 'N' | null,
      subCode: r.sub_code,
      errorCode: r.error_code,
      resultSealed: r.result_sealed,
      timings: JSON.parse(r.timings) as Record<string, number>,
      createdAt: num(r.created_at),
      completedAt: numOrNull(r.completed_at),
      expiresAt: num(r.expires_at),
    };
  }

  async purgeExpiredPersonalData(now: number): Promise<number> {
    const r = await this.db
      .updateTable('transactions')
      .set({ result_sealed: null, merchant_user_id_sealed: null })
      .where('expires_at', '<', now)
      .where((eb) => eb.or([eb('result_sealed', 'is not', null), eb('merchant_user_id_sealed', 'is not', null)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }
}

function toKey(r: Database['access_keys']): AccessKey {
  return {
    id: r.id,
    accountId: r.account_id,
    secretSealed: r.secret_sealed,
    permissions: JSON.parse(r.permissions) as string[],
    status: r.status as KeyStatus,
    createdAt: num(r.created_at),
    lastUsedAt: numOrNull(r.last_used_at),
  };
}

