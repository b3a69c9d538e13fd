/** What the service keeps. Storage never recognises anything; it only keeps records. */

export type AccountStatus = 'active' | 'suspended';
export type KeyStatus = 'active' | 'disabled';

export interface Account {
  readonly id: string;
  readonly name: string;
  readonly status: AccountStatus;
  readonly createdAt: number;
}

export interface AccessKey {
  readonly id: string;
  readonly accountId: string;
  /** The secret, sealed with the master key. */
  readonly secretSealed: string;
  /** Actions this key may call; ['*'] for all. */
  readonly permissions: readonly string[];
  readonly status: KeyStatus;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
}

export interface TransactionRecord {
  readonly id: string;
  readonly accountId: string;
  readonly action: string;
  readonly productCode: string | null;
  readonly merchantBizId: string;
  readonly merchantUserIdSealed: string | null;
  readonly sceneCode: string | null;
  readonly docType: string | null;
  readonly passed: 'Y' | 'N' | null;
  readonly subCode: string | null;
  /** Catalogue error code when the call was refused after authentication (bad image, …). */
  readonly errorCode: string | null;
  /** The Result ExtIdInfo (personal data), sealed. */
  readonly resultSealed: string | null;
  /** Per-stage timings in ms. */
  readonly timings: Readonly<Record<string, number>>;
  readonly createdAt: number;
  readonly completedAt: number | null;
  /** When the personal parts of the record are deleted. */
  readonly expiresAt: number;
}

/** A hosted verification flow (Initialize → capture page → CheckResult). Personal parts are sealed. */
export interface HostedFlowRecord {
  /** The TransactionId. */
  readonly id: string;
  readonly accountId: string;
  readonly merchantBizId: string;
  /** SHA-256 (hex) of the link token; the token itself is never stored. */
  readonly tokenHash: string;
  readonly docType: string;
  /** The Initialize options (callback token, texts, user id, …), sealed. */
  readonly optionsSealed: string | null;
  /** Pages captured so far and their readings, sealed; null before the first capture. */
  readonly progressSealed: string | null;
  readonly state: 'pending' | 'completed';
  readonly passed: 'Y' | 'N' | null;
  readonly subCode: string | null;
  /** ExtIdInfo and the images, sealed; set once on completion. */
  readonly resultSealed: string | null;
  readonly createdAt: number;
  /** After this the link is refused. */
  readonly linkExpiresAt: number;
  readonly completedAt: number | null;
  /** When the personal parts are deleted (retention). */
  readonly expiresAt: number;
}

export type CallbackStatus = 'pending' | 'delivered' | 'failed';

/** A merchant notification, kept until delivered so that a restart never loses it. */
export interface CallbackRecord {
  readonly transactionId: string;
  readonly accountId: string;
  /** The full callback URL (it carries the callback token), sealed. */
  readonly urlSealed: string | null;
  readonly status: CallbackStatus;
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly lastAttemptAt: number | null;
  /** "HTTP 503", "timeout", … of the last attempt. */
  readonly lastOutcome: string | null;
  readonly createdAt: number;
  readonly expiresAt: number;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  migrate(): Promise<void>;
  close(): Promise<void>;

  createAccount(account: Account): Promise<void>;
  getAccount(id: string): Promise<Account | null>;
  setAccountStatus(id: string, status: AccountStatus): Promise<boolean>;

  /** Creates the key, or replaces secret, permissions and status of an existing one. */
  upsertAccessKey(key: Omit<AccessKey, 'lastUsedAt'>): Promise<void>;
  getAccessKey(id: string): Promise<AccessKey | null>;
  listAccessKeys(): Promise<AccessKey[]>;
  setAccessKeyStatus(id: string, status: KeyStatus): Promise<boolean>;
  deleteAccessKey(id: string): Promise<boolean>;
  touchAccessKey(id: string, at: number): Promise<void>;

  /** Records a signature nonce; false when it was already used (replay). */
  claimNonce(keyId: string, nonce: string, expiresAt: number): Promise<boolean>;
  purgeNonces(now: number): Promise<number>;

  insertTransaction(record: TransactionRecord): Promise<void>;
  getTransaction(id: string): Promise<TransactionRecord | null>;
  /** Deletes the personal parts (result, user id) of records past their expiry; keeps the billing skeleton. */
  purgeExpiredPersonalData(now: number): Promise<number>;

  insertHostedFlow(flow: HostedFlowRecord): Promise<void>;
  getHostedFlow(id: string): Promise<HostedFlowRecord | null>;
  getHostedFlowByToken(tokenHash: string): Promise<HostedFlowRecord | null>;
  /** Replaces the progress of a pending flow; false when the flow is no longer pending. */
  saveHostedFlowProgress(id: string, progressSealed: string): Promise<boolean>;
  /** Completes a pending flow exactly once (the first caller wins); false when it was not pending. */
  completeHostedFlow(
    id: string,
    outcome: { passed: 'Y' | 'N'; subCode: string; resultSealed: string; completedAt: number },
  ): Promise<boolean>;

  /** Deletes the photos and readings of flows whose link expired unfinished: nobody can complete them. */
  purgeAbandonedFlows(now: number): Promise<number>;

  /** Abnormal calls per subject (a hash of a MerchantBizId or MerchantUserId), shared by every instance. */
  recordAbnormalCall(accountId: string, subject: string, at: number): Promise<void>;
  countAbnormalCalls(accountId: string, subject: string, since: number): Promise<number>;
  purgeAbnormalCalls(before: number): Promise<number>;

  insertCallback(callback: CallbackRecord): Promise<void>;
  getCallback(transactionId: string): Promise<CallbackRecord | null>;
  /** Pending callbacks whose next attempt is due, oldest first. */
  dueCallbacks(now: number, limit: number): Promise<CallbackRecord[]>;
  /**
   * Takes a due callback for one attempt by pushing its next attempt to leaseUntil; false when another
   * instance took it first (or it is no longer due).
   */
  claimCallback(transactionId: string, attempts: number, now: number, leaseUntil: number): Promise<boolean>;
  recordCallbackAttempt(
    transactionId: string,
    attempt: { attempts: number; status: CallbackStatus; nextAttemptAt: number; lastAttemptAt: number; lastOutcome: string },
  ): Promise<void>;
}
