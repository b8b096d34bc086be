import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { ComplianceException } from './compliance-exception';

@Entity({ tableName: 'compliance_exception_comments' })
export class ComplianceExceptionComment {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne('ComplianceException', { deleteRule: 'cascade' })
  @Index({ name: 'compliance_exception_comments_exception_id_index' })
  exception!: ComplianceException;

  @Property({ type: 'integer' })
  authorUserId!: number;

  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
