import { Entity, Index, OneToOne, OptionalProps, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Participant } from './participant';

/**
 * The beneficial owner behind a participant, as compliance knows it (a group, a fund house):
 * participants with the same owner trading with each other are wash trades to surveillance.
 * A participant without a row is its own beneficial owner.
 */
@Entity({ tableName: 'beneficial_owners' })
@Index({ name: 'beneficial_owners_owner_code_index', properties: ['ownerCode'] })
export class BeneficialOwner {
  [PrimaryKeyProp]?: 'participant';
  [OptionalProps]?: 'updatedAt';

  @OneToOne(() => Participant, { primary: true, deleteRule: 'cascade' })
  participant!: Participant;

  @Property({ type: 'string', length: 64 })
  ownerCode!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
