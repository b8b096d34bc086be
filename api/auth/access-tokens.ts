import jwt from 'jsonwebtoken';
import { createPrivateKey, createPublicKey, createSecretKey, randomUUID, type KeyObject } from 'node:crypto';
import type { Config } from '../../platform/config';
import { ROLES, VENUE_STAFF_ROLES, type Role } from '../../domain/access/roles';
import type { Principal } from './principal';
import type { TokenKeys } from './token-keys';

/** Seconds of clock skew forgiven between this API and whoever checks a token's `exp` and `nbf`. */
export const CLOCK_TOLERANCE_SECONDS = 5;

interface AccessTokenClaims {
  sub: string;
  participant_id: number;
  roles: Role[];
  sid: string;
  preferred_username: string;
}

export class AccessTokens {
  // Parsed once: given text, jsonwebtoken parses the key on every call (first trying it as a
  // public key and catching the failure), which cost about 2 ms of CPU per request.
  private readonly signingKey: KeyObject;
  private readonly verifyKeyObject: KeyObject;

  constructor(
    private readonly keys: TokenKeys,
    private readonly settings: Config['jwt'],
  ) {
    const secret = keys.algorithm === 'HS256';
    this.signingKey = secret
      ? createSecretKey(Buffer.from(keys.signingKey))
      : createPrivateKey(keys.signingKey);
    this.verifyKeyObject = secret
      ? createSecretKey(Buffer.from(keys.verifyKey))
      : createPublicKey(keys.verifyKey);
  }

  get ttlSeconds(): number {
    return this.settings.accessTokenTtlSeconds;
  }

  /** Options every verification uses (HTTP requests, the WebSocket upgrade, the queue board). */
  get verifyOptions() {
    return {
      algorithms: [this.keys.algorithm] as jwt.Algorithm[],
      issuer: this.settings.issuer,
      audience: this.settings.audience,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    };
  }

  /** The key that verifies this token; a token naming another key id is refused before any signature check. */
  keyFor(token: string): KeyObject {
    const header = jwt.decode(token, { complete: true })?.header;
    if (header?.kid !== this.keys.kid) throw new Error('unknown key id');
    return this.verifyKeyObject;
  }

  sign(p: Omit<Principal, 'isVenueStaff'>): string {
    const claims: AccessTokenClaims = {
      sub: String(p.userId),
      participant_id: p.participantId,
      roles: p.roles,
      sid: p.sessionId,
      preferred_username: p.username,
    };
    return jwt.sign(claims, this.signingKey, {
      algorithm: this.keys.algorithm,
      keyid: this.keys.kid,
      issuer: this.settings.issuer,
      audience: this.settings.audience,
      expiresIn: this.settings.accessTokenTtlSeconds,
      jwtid: randomUUID(),
    });
  }

  /** Throws on an unknown key id, a bad signature, algorithm, issuer, audience or expiry. */
  verify(token: string): jwt.JwtPayload {
    const payload = jwt.verify(token, this.keyFor(token), this.verifyOptions);
    if (typeof payload === 'string') throw new Error('unexpected token payload');
    return payload;
  }
}

/**
 * The claims as a Principal, or undefined when they are not ours (missing or odd fields). A token
 * without `exp` passes jsonwebtoken's checks but would never expire, so it is refused here.
 */
export function principalFromClaims(payload: jwt.JwtPayload): Principal | undefined {
  const userId = Number(payload.sub);
  const roles = payload.roles;
  if (
    !Number.isInteger(userId) ||
    typeof payload.exp !== 'number' ||
    typeof payload.sid !== 'string' ||
    !Number.isInteger(payload.participant_id)
  ) {
    return undefined;
  }
  if (!Array.isArray(roles) || !roles.every((r) => (ROLES as readonly string[]).includes(r)))
    return undefined;
  return {
    userId,
    username: String(payload.preferred_username ?? ''),
    participantId: payload.participant_id,
    roles: roles as Role[],
    sessionId: payload.sid,
    isVenueStaff: roles.some((r: Role) => VENUE_STAFF_ROLES.includes(r)),
  };
}
