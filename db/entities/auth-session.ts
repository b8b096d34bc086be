import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { User } from './user';

/**
 * One login: access tokens carry its id (`sid`) and the refresh token rotates inside it. Revoking the
 * session (logout, password change, disabling the user, refresh-token reuse) ends every token of it,
 * and the record survives a Redis restart, unlike a deny-list kept only in Redis.
 */
@Entity({ tableName: 'auth_sessions' })
export class AuthSession {
  [OptionalProps]?: 'createdAt' | 'lastRefreshedAt' | 'revokedAt' | 'revokedReason';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  @Index()
  user!: User;

  /** SHA-256 of the current refresh secret: a stolen database row cannot be replayed. */
  @Property({ type: 'string', length: 64, hidden: true })
  refreshTokenHash!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  lastRefreshedAt: Date = new Date();

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;

  @Property({ type: 'string', length: 40, nullable: true })
  revokedReason?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  clientIp?: string | null;
}
