import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { Role } from '../../domain/access/roles';
import { Participant } from './participant';

export const USER_STATUSES = ['ACTIVE', 'DISABLED'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

@Entity({ tableName: 'users' })
export class User {
  [OptionalProps]?:
    'status' | 'createdAt' | 'updatedAt' | 'version' | 'passwordChangedAt' | 'mustChangePassword';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** An e-mail address, stored lower-case so logins are case-insensitive. */
  @Property({ type: 'string', length: 254, unique: true })
  username!: string;

  @Property({ type: 'string', length: 200 })
  displayName!: string;

  @Property({ type: 'string', length: 255, hidden: true })
  passwordHash!: string;

  @Property({ type: 'text[]' })
  roles!: Role[];

  @ManyToOne(() => Participant, { deleteRule: 'restrict' })
  participant!: Participant;

  @Enum({ items: () => [...USER_STATUSES], nativeEnumName: 'user_status', default: 'ACTIVE' })
  status: UserStatus = 'ACTIVE';

  /** Set after an admin reset, so the user picks their own password before trading. */
  @Property({ type: 'boolean', default: false })
  mustChangePassword: boolean = false;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  passwordChangedAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  version!: number;
}
