import { Entity, OneToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Participant } from './participant';

/**
 * A member's personal and account data. The sensitive columns hold AES-256-GCM ciphertext written
 * by the application (platform/field-encryption.ts), never plaintext; the IFSC is a public branch
 * code and stays readable.
 */
@Entity({ tableName: 'participant_profiles' })
export class ParticipantProfile {
  [OptionalProps]?: 'updatedAt' | 'version';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @OneToOne(() => Participant, {
    owner: true,
    deleteRule: 'cascade',
    unique: 'participant_profiles_participant_unique',
  })
  participant!: Participant;

  @Property({ type: 'text' })
  panCiphertext!: string;

  @Property({ type: 'text' })
  bankAccountNumberCiphertext!: string;

  @Property({ type: 'string', length: 11 })
  bankIfsc!: string;

  @Property({ type: 'text' })
  contactEmailCiphertext!: string;

  @Property({ type: 'text' })
  contactPhoneCiphertext!: string;

  @Property({ type: 'integer', nullable: true })
  updatedBy?: number | null;

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  version!: number;
}
