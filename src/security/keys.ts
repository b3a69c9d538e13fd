import crypto from 'node:crypto';
import type { Sealer } from './sealer.js';
import type { AccessKey, Store } from '../store/store.js';

export const DEFAULT_ACCOUNT_ID = 'default';
const KEY_CONTEXT = 'access-key-secret';

const ALPHANUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function randomToken(length: number, alphabet = ALPHANUM): string {
  let out = '';
  while (out.length < length) {
    for (const b of crypto.randomBytes(length * 2)) {
      // rejection sampling keeps every character equally likely
      if (b < 256 - (256 % alphabet.length)) out += alphabet[b % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

/** Access keys: secrets are sealed before they reach the store and unsealed only to check a signature. */
export class KeyService {
  constructor(
    private readonly store: Store,
    private readonly sealer: Sealer,
  ) {}

  async ensureAccount(accountId = DEFAULT_ACCOUNT_ID): Promise<void> {
    if (!(await this.store.getAccount(accountId))) {
      await this.store.createAccount({ id: accountId, name: accountId, status: 'active', createdAt: Date.now() });
    }
  }

  async put(options: {
    id?: string;
    secret?: string;
    accountId?: string;
    permissions?: readonly string[];
  }): Promise<{ id: string; secret: string }> {
    const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
    await this.ensureAccount(accountId);
    const id = options.id ?? `OIDV${randomToken(16, 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789')}`;
    const secret = options.secret ?? randomToken(30);
    await this.store.upsertAccessKey({
      id,
      accountId,
      secretSealed: this.sealer.seal(secret, `${KEY_CONTEXT}:${id}`),
      permissions: options.permissions ?? ['*'],
      status: 'active',
      createdAt: Date.now(),
    });
    return { id, secret };
  }

  secretOf(key: AccessKey): string {
    return this.sealer.open(key.secretSealed, `${KEY_CONTEXT}:${key.id}`);
  }

  /**
   * Start-up: the configured key is created or updated with full permissions; with none configured
   * and none stored, one is generated and returned so it can be printed once.
   */
  async bootstrap(configured: { id: string; secret: string } | null): Promise<{ id: string; secret: string } | null> {
    await this.ensureAccount();
    if (configured) {
      await this.put({ id: configured.id, secret: configured.secret, permissions: ['*'] });
      return null;
    }
    if ((await this.store.listAccessKeys()).length > 0) return null;
    return this.put({ permissions: ['*'] });
  }
}
