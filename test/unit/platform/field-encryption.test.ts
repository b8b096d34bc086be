import { DecryptionError, FieldCipher, parseEncryptionKey } from '../../../platform/field-encryption';

const key = (id: string, fill: number) => ({ id, key: Buffer.alloc(32, fill) });

describe('field encryption', () => {
  const cipher = new FieldCipher(key('k1', 1));

  test('when a value is encrypted twice, then the stored forms differ, carry the key id and decrypt back', () => {
    const a = cipher.encrypt('ABCPE1234F', 'pan');
    const b = cipher.encrypt('ABCPE1234F', 'pan');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^enc:v1:k1:/);
    expect(a).not.toContain('ABCPE1234F');
    expect(cipher.decrypt(a, 'pan')).toBe('ABCPE1234F');
    expect(cipher.keyIdOf(a)).toBe('k1');
  });

  test('when a stored value is altered, moved to another context or its key is unknown, then it does not decrypt', () => {
    const stored = cipher.encrypt('12345678901', 'bank_account_number');
    const parts = stored.split(':');
    const body = Buffer.from(parts[5]!, 'base64');
    body[0] = body[0]! ^ 1;
    parts[5] = body.toString('base64');
    expect(() => cipher.decrypt(parts.join(':'), 'bank_account_number')).toThrow(DecryptionError);
    expect(() => cipher.decrypt(stored, 'pan')).toThrow(DecryptionError);
    expect(() => new FieldCipher(key('k2', 2)).decrypt(stored, 'bank_account_number')).toThrow(/k1/);
    expect(() => cipher.decrypt('plain text', 'pan')).toThrow(/not a ciphertext/);
  });

  test('when keys rotate, then old values still decrypt with the old key kept and new ones use the new key', () => {
    const old = cipher.encrypt('a@b.example', 'contact_email');
    const rotated = new FieldCipher(key('k2', 2), [key('k1', 1)]);
    expect(rotated.decrypt(old, 'contact_email')).toBe('a@b.example');
    expect(rotated.keyIdOf(rotated.encrypt('x', 'contact_email'))).toBe('k2');
  });

  test('when a key is configured, then its form is checked', () => {
    expect(parseEncryptionKey(`k1:${Buffer.alloc(32).toString('base64')}`)).toMatchObject({ id: 'k1' });
    expect(parseEncryptionKey(`k1:${Buffer.alloc(16).toString('base64')}`)).toMatch(/32 bytes/);
    expect(parseEncryptionKey('nokey')).toMatch(/key id/);
  });
});
