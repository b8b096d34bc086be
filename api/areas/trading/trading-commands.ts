import type { Pool, PoolClient } from 'pg';
import type { OrderCommandKind } from '../../../db/entities';
import { publishCommands } from '../../../platform/trading-transport';
import type { AppDeps } from '../../app-deps';

export interface CommandInput {
  bondId: number;
  kind: OrderCommandKind;
  orderId?: string | null;
  participantId?: number | null;
  payload: Record<string, unknown>;
}

/** Inserts commands (in the caller's transaction when given); returns their ids in order. */
export async function insertCommands(
  db: Pool | PoolClient,
  commands: CommandInput[],
  at: Date,
): Promise<string[]> {
  if (!commands.length) return [];
  const r = await db.query(
    `insert into order_commands (bond_id, kind, order_id, participant_id, payload, received_at)
     select b, k::order_command_kind, o, p, d, $6 from unnest($1::int[], $2::text[], $3::uuid[], $4::int[], $5::jsonb[])
       with ordinality as v(b, k, o, p, d, n) order by n
     returning id::text`,
    [
      commands.map((c) => c.bondId),
      commands.map((c) => c.kind),
      commands.map((c) => c.orderId ?? null),
      commands.map((c) => c.participantId ?? null),
      commands.map((c) => JSON.stringify(c.payload)),
      at,
    ],
  );
  return r.rows.map((x) => x.id as string);
}

/** Commits commands, then hands them to the matching worker (which re-drives any that miss Redis). */
export async function submitCommands(
  deps: AppDeps,
  commands: CommandInput[],
  at = new Date(),
): Promise<string[]> {
  const ids = await insertCommands(deps.pg, commands, at);
  await sendToMatching(
    deps,
    ids.map((id, i) => ({ id, bondId: commands[i]!.bondId })),
  );
  return ids;
}

/** A Redis failure here is logged, not answered: the command is committed and the worker re-drives it. */
export async function sendToMatching(
  deps: AppDeps,
  commands: Array<{ id: string; bondId: number }>,
): Promise<void> {
  await publishCommands(deps.redis, deps.config.redisPrefix, deps.config.matchingShards, commands).catch(
    (err) =>
      deps.log.warn({ err }, 'command stream unavailable; the matching worker will re-drive from PostgreSQL'),
  );
}
