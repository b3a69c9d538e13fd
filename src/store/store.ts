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
}
