import crypto from 'node:crypto';

/** 256 random bits, URL-safe: the only thing that opens a flow's page. */
export const newLinkToken = (): string => crypto.randomBytes(32).toString('base64url');

/** What the store keeps instead of the token: a leaked table does not open any page. */
export const hashLinkToken = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');

/** Shape check before any lookup, so junk never reaches the store. */
export const isLinkToken = (value: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(value);
