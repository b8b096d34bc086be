import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** One AES-256 key and the id stored beside everything it encrypts, so keys can rotate. */
export interface EncryptionKey {
  id: string;
  key: Buffer;
}

const PREFIX = 'enc:v1';

export class DecryptionError extends Error {
  constructor(reason: string) {
    super(`cannot decrypt a stored field: ${reason}`);
    this.name = 'DecryptionError';
  }
}

/**
 * AES-256-GCM for personal and account data, done in the application so the database, its
 * backups and anyone with SELECT see only ciphertext. A stored value is
 * `enc:v1:<key id>:<iv>:<tag>:<ciphertext>` (base64). `context` (e.g. the column) is bound in as
 * associated data, so a value copied into another column or row kind does not decrypt.
 */
export class FieldCipher {
  private readonly keys: ReadonlyMap<string, Buffer>;

  constructor(
    private readonly current: EncryptionKey,
    previous: readonly EncryptionKey[] = [],
  ) {
    this.keys = new Map([...previous, current].map((k) => [k.id, k.key]));
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv).setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [PREFIX, this.current.id, iv, cipher.getAuthTag(), body]
      .map((part) => (Buffer.isBuffer(part) ? part.toString('base64') : part))
      .join(':');
  }

  decrypt(stored: string, context: string): string {
    const parts = stored.split(':');
    if (parts.length !== 6 || `${parts[0]}:${parts[1]}` !== PREFIX)
      throw new DecryptionError('not a ciphertext');
    const [, , keyId, iv, tag, body] = parts as [string, string, string, string, string, string];
    const key = this.keys.get(keyId);
    if (!key) throw new DecryptionError(`key "${keyId}" is not configured`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'))
        .setAAD(Buffer.from(context))
        .setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new DecryptionError('authentication failed (altered, or stored under another context)');
    }
  }

  keyIdOf(stored: string): string | undefined {
    return stored.split(':')[2];
  }
}

/** `<key id>:<base64 of 32 bytes>`, the form of BONDX_ENCRYPTION_KEY and each old key. */
export function parseEncryptionKey(text: string): EncryptionKey | string {
  const colon = text.indexOf(':');
  const id = text.slice(0, colon);
  const key = Buffer.from(text.slice(colon + 1), 'base64');
  if (colon < 1 || !/^[A-Za-z0-9._-]{1,32}$/.test(id)) return 'must be "<key id>:<base64 key>"';
  if (key.length !== 32) return `the key must be 32 bytes in base64 (got ${key.length})`;
  return { id, key };
}

export function fieldCipherFrom(encryption: { current: EncryptionKey; old: EncryptionKey[] }): FieldCipher {
  return new FieldCipher(encryption.current, encryption.old);
}
