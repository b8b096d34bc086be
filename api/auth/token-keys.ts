import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Config } from '../../platform/config';

/** The key material for one configured algorithm; the algorithm is pinned, never read from a token. */
export interface TokenKeys {
  algorithm: 'HS256' | 'RS256';
  kid: string;
  signingKey: string | Buffer;
  verifyKey: string | Buffer;
  /** Public keys for other services to verify our tokens; empty for a shared secret. */
  jwks: { keys: JsonWebKey[] };
}

export function loadTokenKeys(jwt: Config['jwt']): TokenKeys {
  if (jwt.algorithm === 'HS256') {
    return {
      algorithm: 'HS256',
      kid: jwt.kid,
      signingKey: jwt.secretKey,
      verifyKey: jwt.secretKey,
      jwks: { keys: [] },
    };
  }
  const privateKey = readFileSync(jwt.privateKeyFile!);
  const publicKey = readFileSync(jwt.publicKeyFile!);
  const jwk = {
    ...createPublicKey(publicKey).export({ format: 'jwk' }),
    kid: jwt.kid,
    alg: 'RS256',
    use: 'sig',
  };
  return {
    algorithm: 'RS256',
    kid: jwt.kid,
    signingKey: privateKey,
    verifyKey: publicKey,
    jwks: { keys: [jwk] },
  };
}
