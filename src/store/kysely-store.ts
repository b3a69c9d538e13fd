import type { Kysely } from 'kysely';
import type {
  AccessKey,
  Account,
  AccountStatus,
  CallbackRecord,
  CallbackStatus,
  HostedFlowRecord,
  KeyStatus,
  Store,
  TransactionRecord,
} from './store.js';

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
  hosted_flows: {
    id: string;
    account_id: string;
    merchant_biz_id: string;
    token_hash: string;
    doc_type: string;
    options_sealed: string | null;
    progress_sealed: string | null;
    state: string;
    passed: string | null;
    sub_code: string | null;
    result_sealed: string | null;
    created_at: number | string;
    link_expires_at: number | string;
    completed_at: number | string | null;
    expires_at: number | string;
  };
  abnormal_calls: { account_id: string; subject: string; at: number | string };
  callbacks: {
    transaction_id: string;
    account_id: string;
    url_sealed: string | null;
    status: string;
    attempts: number | string;
    next_attempt_at: number | string;
    last_attempt_at: number | string | null;
    last_outcome: string | null;
    created_at: number | string;
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
    await s
      .createTable('hosted_flows')
      .ifNotExists()
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('merchant_biz_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
      .addColumn('doc_type', 'varchar(16)', (c) => c.notNull())
      .addColumn('options_sealed', 'text')
      .addColumn('progress_sealed', 'text')
      .addColumn('state', 'varchar(16)', (c) => c.notNull())
      .addColumn('passed', 'varchar(1)')
      .addColumn('sub_code', 'varchar(8)')
      .addColumn('result_sealed', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('link_expires_at', 'bigint', (c) => c.notNull())
      .addColumn('completed_at', 'bigint')
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await s.createIndex('hosted_flows_expires').ifNotExists().on('hosted_flows').column('expires_at').execute();
    await s
      .createTable('abnormal_calls')
      .ifNotExists()
      .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('subject', 'varchar(64)', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .execute();
    await s.createIndex('abnormal_calls_subject').ifNotExists().on('abnormal_calls').columns(['account_id', 'subject', 'at']).execute();
    await s
      .createTable('callbacks')
      .ifNotExists()
      .addColumn('transaction_id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('url_sealed', 'text')
      .addColumn('status', 'varchar(16)', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
      .addColumn('last_attempt_at', 'bigint')
      .addColumn('last_outcome', 'varchar(200)')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await s.createIndex('callbacks_due').ifNotExists().on('callbacks').columns(['status', 'next_attempt_at']).execute();
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
    const flows = await this.db
      .updateTable('hosted_flows')
      .set({ options_sealed: null, progress_sealed: null, result_sealed: null })
      .where('expires_at', '<', now)
      .where((eb) =>
        eb.or([eb('options_sealed', 'is not', null), eb('progress_sealed', 'is not', null), eb('result_sealed', 'is not', null)]),
      )
      .executeTakeFirst();
    const callbacks = await this.db.deleteFrom('callbacks').where('expires_at', '<', now).executeTakeFirst();
    return Number(r.numUpdatedRows) + Number(flows.numUpdatedRows) + Number(callbacks.numDeletedRows);
  }

  async insertHostedFlow(f: HostedFlowRecord): Promise<void> {
    await this.db
      .insertInto('hosted_flows')
      .values({
        id: f.id,
        account_id: f.accountId,
        merchant_biz_id: f.merchantBizId,
        token_hash: f.tokenHash,
        doc_type: f.docType,
        options_sealed: f.optionsSealed,
        progress_sealed: f.progressSealed,
        state: f.state,
        passed: f.passed,
        sub_code: f.subCode,
        result_sealed: f.resultSealed,
        created_at: f.createdAt,
        link_expires_at: f.linkExpiresAt,
        completed_at: f.completedAt,
        expires_at: f.expiresAt,
      })
      .execute();
  }

  async getHostedFlow(id: string): Promise<HostedFlowRecord | null> {
    const r = await this.db.selectFrom('hosted_flows').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toFlow(r) : null;
  }

  async getHostedFlowByToken(tokenHash: string): Promise<HostedFlowRecord | null> {
    const r = await this.db.selectFrom('hosted_flows').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return r ? toFlow(r) : null;
  }

  async saveHostedFlowProgress(id: string, progressSealed: string): Promise<boolean> {
    const r = await this.db
      .updateTable('hosted_flows')
      .set({ progress_sealed: progressSealed })
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async completeHostedFlow(
    id: string,
    o: { passed: 'Y' | 'N'; subCode: string; resultSealed: string; completedAt: number },
  ): Promise<boolean> {
    const r = await this.db
      .updateTable('hosted_flows')
      .set({ state: 'completed', passed: o.passed, sub_code: o.subCode, result_sealed: o.resultSealed, completed_at: o.completedAt, progress_sealed: null })
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async purgeAbandonedFlows(now: number): Promise<number> {
    const r = await this.db
      .updateTable('hosted_flows')
      .set({ progress_sealed: null })
      .where('state', '=', 'pending')
      .where('link_expires_at', '<', now)
      .where('progress_sealed', 'is not', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async recordAbnormalCall(accountId: string, subject: string, at: number): Promise<void> {
    await this.db.insertInto('abnormal_calls').values({ account_id: accountId, subject, at }).execute();
  }

  async countAbnormalCalls(accountId: string, subject: string, since: number): Promise<number> {
    const r = await this.db
      .selectFrom('abnormal_calls')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('account_id', '=', accountId)
      .where('subject', '=', subject)
      .where('at', '>=', since)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async purgeAbnormalCalls(before: number): Promise<number> {
    const r = await this.db.deleteFrom('abnormal_calls').where('at', '<', before).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async insertCallback(c: CallbackRecord): Promise<void> {
    await this.db
      .insertInto('callbacks')
      .values({
        transaction_id: c.transactionId,
        account_id: c.accountId,
        url_sealed: c.urlSealed,
        status: c.status,
        attempts: c.attempts,
        next_attempt_at: c.nextAttemptAt,
        last_attempt_at: c.lastAttemptAt,
        last_outcome: c.lastOutcome,
        created_at: c.createdAt,
        expires_at: c.expiresAt,
      })
      .execute();
  }

  async getCallback(transactionId: string): Promise<CallbackRecord | null> {
    const r = await this.db.selectFrom('callbacks').selectAll().where('transaction_id', '=', transactionId).executeTakeFirst();
    return r ? toCallback(r) : null;
  }

  async dueCallbacks(now: number, limit: number): Promise<CallbackRecord[]> {
    const rows = await this.db
      .selectFrom('callbacks')
      .selectAll()
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
    return rows.map(toCallback);
  }

  async claimCallback(transactionId: string, attempts: number, now: number, leaseUntil: number): Promise<boolean> {
    const r = await this.db
      .updateTable('callbacks')
      .set({ next_attempt_at: leaseUntil })
      .where('transaction_id', '=', transactionId)
      .where('status', '=', 'pending')
      .where('attempts', '=', attempts)
      .where('next_attempt_at', '<=', now)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async recordCallbackAttempt(
    transactionId: string,
    a: { attempts: number; status: CallbackStatus; nextAttemptAt: number; lastAttemptAt: number; lastOutcome: string },
  ): Promise<void> {
    await this.db
      .updateTable('callbacks')
      .set({
        attempts: a.attempts,
        status: a.status,
        next_attempt_at: a.nextAttemptAt,
        last_attempt_at: a.lastAttemptAt,
        last_outcome: a.lastOutcome.slice(0, 200),
      })
      .where('transaction_id', '=', transactionId)
      .execute();
  }
}

function toFlow(r: Database['hosted_flows']): HostedFlowRecord {
  return {
    id: r.id,
    accountId: r.account_id,
    merchantBizId: r.merchant_biz_id,
    tokenHash: r.token_hash,
    docType: r.doc_type,
    optionsSealed: r.options_sealed,
    progressSealed: r.progress_sealed,
    state: r.state as HostedFlowRecord['state'],
    passed: r.passed as 'Y' | 'N' | null,
    subCode: r.sub_code,
    resultSealed: r.result_sealed,
    createdAt: num(r.created_at),
    linkExpiresAt: num(r.link_expires_at),
    completedAt: numOrNull(r.completed_at),
    expiresAt: num(r.expires_at),
  };
}

function toCallback(r: Database['callbacks']): CallbackRecord {
  return {
    transactionId: r.transaction_id,
    accountId: r.account_id,
    urlSealed: r.url_sealed,
    status: r.status as CallbackStatus,
    attempts: num(r.attempts),
    nextAttemptAt: num(r.next_attempt_at),
    lastAttemptAt: numOrNull(r.last_attempt_at),
    lastOutcome: r.last_outcome,
    createdAt: num(r.created_at),
    expiresAt: num(r.expires_at),
  };
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

