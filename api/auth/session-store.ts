import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Redis } from 'ioredis';
import { AuthSession, User } from '../../db/entities';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface IssuedRefresh {
  sessionId: string;
  refreshToken: string;
}

/** A participant's request count in the current one-second window of the API rate limit. */
export interface RateCount {
  count: number;
  /** Until the window ends. */
  msLeft: number;
}

// The session check and the rate-limit count of one request in one round trip: the count moves
// only for a live session, and a fresh window's key expires with the window (a fixed window).
const LIVE_AND_COUNT = `
local live = redis.call('GET', KEYS[1])
if live ~= '1' then return {live or '', 0, 0} end
local n = redis.call('INCR', KEYS[2])
local ttl = redis.call('PTTL', KEYS[2])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[2], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {live, n, ttl}`;

type LiveAndCount = (
  sessionKey: string,
  rateKey: string,
  windowMs: number,
) => Promise<[string, number, number]>;

export type RotateOutcome =
  | { ok: true; user: User; refresh: IssuedRefresh }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' | 'reused' };

/**
 * Sessions live in PostgreSQL (the record) with their liveness cached in Redis, because every
 * authenticated request asks "is this session still live?" and must not cost a database query.
 */
export class SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly redisPrefix: string,
    private readonly refreshTtlSeconds: number,
    /** How long a "live" answer may be cached: revocation also writes the cache, so this only bounds drift. */
    private readonly cacheSeconds: number,
  ) {
    redis.defineCommand('bondxLiveAndCount', { numberOfKeys: 2, lua: LIVE_AND_COUNT });
  }

  private key(sessionId: string) {
    return `${this.redisPrefix}:session:${sessionId}`;
  }

  private newSecret(sessionId: string) {
    const secret = randomBytes(32).toString('base64url');
    return { refreshToken: `${sessionId}.${secret}`, hash: sha256(secret) };
  }

  async create(em: EntityManager, user: User, clientIp: string | undefined): Promise<IssuedRefresh> {
    const sessionId = randomUUID();
    const { refreshToken, hash } = this.newSecret(sessionId);
    em.create(AuthSession, {
      id: sessionId,
      user,
      refreshTokenHash: hash,
      expiresAt: new Date(Date.now() + this.refreshTtlSeconds * 1000),
      clientIp: clientIp ?? null,
    });
    await em.flush();
    await this.redis.set(this.key(sessionId), '1', 'EX', this.cacheSeconds);
    return { sessionId, refreshToken };
  }

  /** Swaps the refresh secret; presenting an old one again revokes the whole session (token theft). */
  async rotate(em: EntityManager, refreshToken: string): Promise<RotateOutcome> {
    const dot = refreshToken.indexOf('.');
    const sessionId = refreshToken.slice(0, dot);
    const secret = refreshToken.slice(dot + 1);
    if (dot < 1 || !/^[0-9a-f-]{36}$/.test(sessionId)) return { ok: false, reason: 'unknown' };
    const session = await em.findOne(
      AuthSession,
      { id: sessionId },
      { populate: ['user', 'user.participant'] },
    );
    if (!session) return { ok: false, reason: 'unknown' };
    if (session.revokedAt) return { ok: false, reason: 'revoked' };
    if (session.expiresAt <= new Date()) return { ok: false, reason: 'expired' };
    const next = this.newSecret(sessionId);
    // Compare-and-swap in one statement, so two concurrent refreshes cannot both win.
    const swapped = await em.nativeUpdate(
      AuthSession,
      { id: sessionId, refreshTokenHash: sha256(secret), revokedAt: null },
      { refreshTokenHash: next.hash, lastRefreshedAt: new Date() },
    );
    if (swapped === 0) {
      await this.revoke(em, sessionId, 'REFRESH_REUSED');
      return { ok: false, reason: 'reused' };
    }
    return { ok: true, user: session.user, refresh: { sessionId, refreshToken: next.refreshToken } };
  }

  async revoke(em: EntityManager, sessionId: string, reason: string): Promise<void> {
    await em.nativeUpdate(
      AuthSession,
      { id: sessionId, revokedAt: null },
      { revokedAt: new Date(), revokedReason: reason },
    );
    await this.redis.set(this.key(sessionId), '0', 'EX', this.cacheSeconds);
  }

  async revokeAllForUser(
    em: EntityManager,
    userId: number,
    reason: string,
    exceptSessionId?: string,
  ): Promise<void> {
    const live = await em.find(AuthSession, {
      user: userId,
      revokedAt: null,
      ...(exceptSessionId ? { id: { $ne: exceptSessionId } } : {}),
    });
    for (const s of live) await this.revoke(em, s.id, reason);
  }

  /** Whether the session is live; `em` is only called for when the cache has no answer. */
  async isActive(em: () => EntityManager, sessionId: string): Promise<boolean> {
    const cached = await this.redis.get(this.key(sessionId));
    if (cached !== null) return cached === '1';
    return this.lookUp(em(), sessionId);
  }

  /**
   * `isActive` and, for a live session, one more request counted under `rateKey`, in one Redis
   * round trip when the cache knows the session (the hot path of every rate-limited route).
   */
  async isActiveCounting(
    em: () => EntityManager,
    sessionId: string,
    rateKey: string,
  ): Promise<{ live: boolean; rate?: RateCount }> {
    const liveAndCount = (this.redis as unknown as { bondxLiveAndCount: LiveAndCount }).bondxLiveAndCount;
    const count = () => liveAndCount.call(this.redis, this.key(sessionId), rateKey, 1000);
    let [cached, n, msLeft] = await count();
    // Not cached: the database decides and fills the cache, then the request is counted.
    if (cached === '' && (await this.lookUp(em(), sessionId))) [cached, n, msLeft] = await count();
    return cached === '1' ? { live: true, rate: { count: n, msLeft } } : { live: false };
  }

  private async lookUp(em: EntityManager, sessionId: string): Promise<boolean> {
    const session = await em.findOne(AuthSession, { id: sessionId }, { populate: ['user'] });
    const live =
      !!session && !session.revokedAt && session.expiresAt > new Date() && session.user.status === 'ACTIVE';
    await this.redis.set(this.key(sessionId), live ? '1' : '0', 'EX', this.cacheSeconds);
    return live;
  }
}
