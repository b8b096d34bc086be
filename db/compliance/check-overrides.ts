import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import type {
  CheckOverrideGrant,
  OverridableCheck,
  OverrideUse,
} from '../../domain/compliance/check-overrides';
import type { FpiCategory } from '../../domain/compliance/regulatory-checks';
import { appendAudit, appendAuditOnPg, type AuditEntry } from '../audit-log';
import { CheckOverride } from '../entities';

/** A plain pg client or the ORM's transaction seen as one: `$n` parameters, rows back. */
export interface SqlClient {
  query(sql: string, args: unknown[]): Promise<{ rows: unknown[] }>;
}

/** The ORM transaction `tx` as a SqlClient (its connection binds `?`; each `$n` is used once, in order). */
export const emSqlClient = (tx: EntityManager): SqlClient => ({
  query: async (sql, args) => ({ rows: await tx.execute(sql.replace(/\$\d+/g, '?'), args) }),
});

export const grantOf = (o: CheckOverride): CheckOverrideGrant => ({
  id: o.id,
  participantId: o.participantId,
  check: o.checkName as OverridableCheck,
  bondId: o.bondId ?? null,
  fpiCategory: (o.fpiCategory as FpiCategory | null | undefined) ?? null,
  maxPaise: BigInt(o.maxPaise),
  usedPaise: BigInt(o.usedPaise),
  expiresAt: o.expiresAt,
  revokedAt: o.revokedAt ?? null,
});

/** The participant's overrides that may still lift one of `checks` now (the domain decides which applies). */
export async function loadLiveOverrides(
  pg: Pick<Pool, 'query'>,
  participantId: number,
  checks: readonly string[],
): Promise<CheckOverrideGrant[]> {
  const { rows } = await pg.query(
    `select id, participant_id, check_name, bond_id, fpi_category, max_paise::text, used_paise::text, expires_at
       from regulatory_check_overrides
      where participant_id = $1 and check_name = any($2::text[])
        and revoked_at is null and expires_at > now() and used_paise < max_paise`,
    [participantId, checks],
  );
  return (
    rows as {
      id: number;
      participant_id: number;
      check_name: OverridableCheck;
      bond_id: number | null;
      fpi_category: FpiCategory | null;
      max_paise: string;
      used_paise: string;
      expires_at: Date;
    }[]
  ).map((r) => ({
    id: r.id,
    participantId: r.participant_id,
    check: r.check_name,
    bondId: r.bond_id,
    fpiCategory: r.fpi_category,
    maxPaise: BigInt(r.max_paise),
    usedPaise: BigInt(r.used_paise),
    expiresAt: new Date(r.expires_at),
    revokedAt: null,
  }));
}

/** Another use took what an override had left (or it was revoked or expired) after the checks read it. */
export class OverrideUnavailableError extends Error {
  constructor(readonly overrideId: number) {
    super(`compliance override ${overrideId} no longer covers the check`);
  }
}

export interface OverrideUseContext {
  subjectType: string;
  participantId: number;
  bondId: number;
  side: string;
  userId?: number;
}

/**
 * Takes each use from its override on the caller's transaction, with a CHECK_OVERRIDE_USED audit
 * record each. The update re-checks the override under its row lock, so concurrent uses serialise
 * and never take it past its maximum; one that no longer fits throws (the caller rolls back).
 */
export async function consumeOverrideUses(
  client: SqlClient,
  uses: readonly OverrideUse[],
  ctx: OverrideUseContext,
): Promise<void> {
  for (const use of uses) {
    const { rows } = await client.query(
      `update regulatory_check_overrides set used_paise = used_paise + $1, uses = uses + 1
        where id = $2 and revoked_at is null and expires_at > now() and used_paise + $3 <= max_paise
        returning used_paise::text as used_paise, max_paise::text as max_paise, uses`,
      [use.paise.toString(), use.overrideId, use.paise.toString()],
    );
    const row = rows[0] as { used_paise: string; max_paise: string; uses: number } | undefined;
    if (!row) throw new OverrideUnavailableError(use.overrideId);
    await appendAuditOnPg(client, {
      action: 'CHECK_OVERRIDE_USED',
      subjectType: 'check_override',
      subjectId: use.overrideId,
      actorUserId: ctx.userId ?? null,
      actorParticipantId: ctx.participantId,
      details: {
        check: use.check,
        subject_type: ctx.subjectType,
        participant_id: ctx.participantId,
        bond_id: ctx.bondId,
        side: ctx.side,
        face_value_paise: use.paise.toString(),
        used_paise: row.used_paise,
        max_paise: row.max_paise,
        uses: row.uses,
      },
    });
  }
}

type OverrideActor = Pick<AuditEntry, 'actorParticipantId' | 'requestId'> & { actorUserId: number };

export interface NewCheckOverride {
  participantId: number;
  check: OverridableCheck;
  bondId: number | null;
  fpiCategory: FpiCategory | null;
  maxPaise: string;
  reason: string;
  expiresAt: Date;
}

const state = (o: CheckOverride) => ({
  participant_id: o.participantId,
  check: o.checkName,
  bond_id: o.bondId ?? null,
  fpi_category: o.fpiCategory ?? null,
  max_paise: o.maxPaise,
  used_paise: o.usedPaise,
  expires_at: o.expiresAt.toISOString(),
  revoked_at: o.revokedAt?.toISOString() ?? null,
});

/** Grants an override, with a CHECK_OVERRIDE_GRANTED audit record in the same transaction. */
export function grantCheckOverride(
  em: EntityManager,
  input: NewCheckOverride,
  actor: OverrideActor,
): Promise<CheckOverride> {
  return em.fork().transactional(async (tx) => {
    const o = tx.create(CheckOverride, {
      participantId: input.participantId,
      checkName: input.check,
      bondId: input.bondId,
      fpiCategory: input.fpiCategory,
      maxPaise: input.maxPaise,
      reason: input.reason,
      expiresAt: input.expiresAt,
      grantedBy: actor.actorUserId,
    });
    await tx.flush();
    appendAudit(tx, {
      action: 'CHECK_OVERRIDE_GRANTED',
      subjectType: 'check_override',
      subjectId: o.id,
      ...actor,
      details: { reason: input.reason, before: null, after: state(o) },
    });
    return o;
  });
}

/**
 * Revokes an override (locked, so a use in flight either finishes first or finds it revoked), with a
 * CHECK_OVERRIDE_REVOKED audit record; null when there is none, unchanged when it was revoked already.
 */
export function revokeCheckOverride(
  em: EntityManager,
  id: number,
  reason: string,
  actor: OverrideActor,
): Promise<{ override: CheckOverride; revoked: boolean } | null> {
  return em.fork().transactional(async (tx) => {
    const o = await tx.findOne(CheckOverride, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!o) return null;
    if (o.revokedAt) return { override: o, revoked: false };
    const before = state(o);
    o.revokedAt = new Date();
    o.revokedBy = actor.actorUserId;
    o.revokeReason = reason;
    await tx.flush();
    appendAudit(tx, {
      action: 'CHECK_OVERRIDE_REVOKED',
      subjectType: 'check_override',
      subjectId: o.id,
      ...actor,
      details: { reason, before, after: state(o) },
    });
    return { override: o, revoked: true };
  });
}
