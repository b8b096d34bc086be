import { CLOCK_TOLERANCE_SECONDS, principalFromClaims, type AccessTokens } from './access-tokens';
import type { Principal } from './principal';

interface Verified {
  principal: Principal;
  /** When jsonwebtoken would start refusing it: `exp` plus the clock tolerance. */
  expiresAtMs: number;
}

/**
 * Access tokens whose signature and claims were verified, each kept until it expires, least
 * recently used evicted first. A token's claims never change, and verifying them (signature,
 * JSON, claim checks) was the costliest step of an authenticated request. Whether the token's
 * session is still live is not cached here: every request asks the session store.
 */
export class VerifiedTokens {
  private readonly cache = new Map<string, Verified>();

  constructor(
    private readonly tokens: AccessTokens,
    private readonly maxEntries = 10_000,
  ) {}

  /** The token's principal, or undefined when it does not verify or has expired. */
  principalOf(token: string, now = Date.now()): Principal | undefined {
    const hit = this.cache.get(token);
    if (hit) {
      this.cache.delete(token);
      if (now >= hit.expiresAtMs) return undefined;
      this.cache.set(token, hit);
      return hit.principal;
    }
    let principal: Principal | undefined;
    let exp: number;
    try {
      const payload = this.tokens.verify(token);
      principal = principalFromClaims(payload);
      exp = payload.exp!;
    } catch {
      return undefined;
    }
    if (!principal) return undefined;
    Object.freeze(principal.roles);
    this.cache.set(token, {
      principal: Object.freeze(principal),
      expiresAtMs: (exp + CLOCK_TOLERANCE_SECONDS) * 1000,
    });
    if (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
    return principal;
  }
}
