import { Check, Entity, Enum, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import {
  DOMICILES,
  PARTICIPANT_KINDS,
  type Domicile,
  type ParticipantKind,
} from '../../domain/reference-data/participant-kinds';

export const PARTICIPANT_STATUSES = ['ACTIVE', 'SUSPENDED'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

@Entity({ tableName: 'participants' })
@Check({
  name: 'participants_fpi_registration_check',
  expression: `fpi_registration is null or (kind = 'FPI' and fpi_registration ~ '^IN[A-Z]{2}FP[0-9]{6}$' and substr(fpi_registration, 3, 2) <> 'IN')`,
})
export class Participant {
  [OptionalProps]?:
    'status' | 'isVenueOperator' | 'createdAt' | 'updatedAt' | 'version' | 'lei' | 'fpiRegistration';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 32, unique: true })
  code!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Enum({ items: () => [...PARTICIPANT_KINDS], nativeEnumName: 'participant_kind' })
  kind!: ParticipantKind;

  @Enum({ items: () => [...DOMICILES], nativeEnumName: 'domicile' })
  domicile!: Domicile;

  @Property({ type: 'string', length: 20, nullable: true, unique: true })
  lei?: string | null;

  /** SEBI FPI registration number (domain/reference-data/fpi-registration), FPIs only. */
  @Property({ type: 'string', length: 12, nullable: true, unique: true })
  fpiRegistration?: string | null;

  @Property({ type: 'boolean', default: false })
  isVenueOperator: boolean = false;

  @Enum({ items: () => [...PARTICIPANT_STATUSES], nativeEnumName: 'participant_status', default: 'ACTIVE' })
  status: ParticipantStatus = 'ACTIVE';

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  version!: number;
}
