import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { BondType } from '../../domain/reference-data/bond-types';
import { appendAudit, type AuditEntry } from '../audit-log';
import { PositionLimit } from '../entities';

export interface PositionLimitScope {
  bondId: number | null;
  bondType: BondType | null;
}

/** One row per participant and scope: ALL, TYPE:<bond type> or BOND:<bond id>. */
export function positionLimitScopeKey(scope: PositionLimitScope): string {
  if (scope.bondId !== null) return `BOND:${scope.bondId}`;
  if (scope.bondType !== null) return `TYPE:${scope.bondType}`;
  return 'ALL';
}

/**
 * The select list of the position limit that applies to participant `p` in bond `b` of the caller's
 * query, as paise text (null: no limit on that side): the bond's own, else its type's, else the
 * participant-wide one.
 */
export const positionLimitColumns = (p: string, b: string) =>
  ['max_long_paise', 'max_short_paise']
    .map(
      (col) => `(select l.${col}::text from position_limits l
          where l.participant_id = ${p}.id
            and (l.bond_id = ${b}.id or l.bond_type = ${b}.bond_type or l.scope_key = 'ALL')
          order by l.bond_id is null, l.bond_type is null limit 1) as ${col}`,
    )
    .join(',\n   ');

export interface PositionLimitInput extends PositionLimitScope {
  participantId: number;
  maxLongPaise: string | null;
  maxShortPaise: string | null;
}

const state = (l: PositionLimit | null) =>
  l && { max_long_paise: l.maxLongPaise ?? null, max_short_paise: l.maxShortPaise ?? null };

/** Sets (creates or replaces) a participant's limit for one scope, with its before and after in the audit trail. */
export async function setPositionLimit(
  em: EntityManager,
  input: PositionLimitInput,
  actor: PositionLimitActor,
): Promise<{ limit: PositionLimit; created: boolean }> {
  try {
    return await upsert(em.fork(), input, actor);
  } catch (err) {
    // A concurrent first set of the same scope won the insert: this one replaces it.
    if (!(err instanceof UniqueConstraintViolationException)) throw err;
    return upsert(em.fork(), input, actor);
  }
}

type PositionLimitActor = Pick<AuditEntry, 'actorParticipantId' | 'requestId'> & { actorUserId: number };

function upsert(
  em: EntityManager,
  input: PositionLimitInput,
  actor: PositionLimitActor,
): Promise<{ limit: PositionLimit; created: boolean }> {
  return em.transactional(async (tx) => {
    const scopeKey = positionLimitScopeKey(input);
    // Locked so two officers setting one scope at once serialise and each audits what it replaced.
    const found = await tx.findOne(
      PositionLimit,
      { participantId: input.participantId, scopeKey },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    const before = state(found);
    const limit =
      found ??
      tx.create(PositionLimit, {
        participantId: input.participantId,
        bondId: input.bondId,
        bondType: input.bondType,
        scopeKey,
        updatedBy: actor.actorUserId,
      });
    limit.maxLongPaise = input.maxLongPaise;
    limit.maxShortPaise = input.maxShortPaise;
    limit.updatedBy = actor.actorUserId;
    limit.updatedAt = new Date();
    tx.persist(limit);
    await tx.flush();
    appendAudit(tx, {
      action: 'POSITION_LIMIT_SET',
      subjectType: 'position_limit',
      subjectId: limit.id,
      ...actor,
      details: {
        participant_id: input.participantId,
        scope: scopeKey,
        before,
        after: state(limit),
      },
    });
    return { limit, created: found === null };
  });
}
