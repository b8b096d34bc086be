import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { formatYieldUnits, type CurveHistory } from '../../domain/market-data';

/** The yield_curves row a history is loaded under. */
export interface CurveDefinition {
  code: string;
  name: string;
  currency: string;
  source: string;
  description?: string | null;
  isStandIn: boolean;
}

export interface LoadCurveResult {
  curveId: number;
  dates: number;
  /** Points in the history: its non-empty cells. */
  points: number;
  /** Points inserted or whose value changed. */
  written: number;
  /** Points the curve had that the history no longer has. */
  deleted: number;
  ms: number;
}

/** Rows per INSERT: each batch is one statement with three array parameters. */
export const DEFAULT_BATCH_SIZE = 10_000;

interface Columns {
  dates: string[];
  tenors: number[];
  yields: string[];
}

// PostgreSQL array literals: every element is a date, an integer or a decimal, so none needs quoting.
const arrayLiteral = (values: ReadonlyArray<string | number>) => `{${values.join(',')}}`;

/**
 * Loads a curve history under `definition.code` in one transaction, replacing what was there: after
 * it the curve's points are exactly the history's non-empty cells. Points whose value is unchanged
 * are not rewritten, so loading the same history again writes nothing (idempotent); a corrected
 * value is updated; a point the history no longer has is deleted. The curve's own row is created or
 * its descriptive fields updated. Loads of the same curve are serialised by a row lock on it.
 *
 * Points go in batches of `batchSize` rows, each one INSERT ... SELECT FROM unnest(arrays), so
 * ~90,000 points take a few round trips rather than 90,000.
 */
export async function loadCurve(
  em: EntityManager,
  definition: CurveDefinition,
  history: CurveHistory,
  log: Logger,
  batchSize = DEFAULT_BATCH_SIZE,
): Promise<LoadCurveResult> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`bad batch size ${batchSize}`);
  const started = Date.now();
  const all: Columns = { dates: [], tenors: [], yields: [] };
  for (const o of history.observations) {
    o.yields.forEach((units, i) => {
      if (units === null) return;
      all.dates.push(o.date);
      all.tenors.push(history.tenors[i]!.months);
      all.yields.push(formatYieldUnits(units));
    });
  }
  const points = all.dates.length;
  const { code } = definition;

  return em.transactional(async (tx) => {
    const conn = tx.getConnection();
    const ctx = tx.getTransactionContext();
    const run = (sql: string, params: unknown[]) =>
      conn.execute<{ affectedRows: number; rows: Record<string, unknown>[] }>(sql, params, 'run', ctx);
    const rows = <T>(sql: string, params: unknown[]) => conn.execute<T[]>(sql, params, 'all', ctx);

    await run(
      `insert into yield_curves (code, name, currency, source, description, is_stand_in)
       values (?, ?, ?, ?, ?, ?)
       on conflict (code) do update set
         name = excluded.name, currency = excluded.currency, source = excluded.source,
         description = excluded.description, is_stand_in = excluded.is_stand_in
       where (yield_curves.name, yield_curves.currency, yield_curves.source, yield_curves.description,
              yield_curves.is_stand_in)
         is distinct from (excluded.name, excluded.currency, excluded.source, excluded.description,
              excluded.is_stand_in)`,
      [
        code,
        definition.name,
        definition.currency,
        definition.source,
        definition.description ?? null,
        definition.isStandIn,
      ],
    );
    const [curve] = await rows<{ id: number }>('select id from yield_curves where code = ? for update', [
      code,
    ]);
    const curveId = curve!.id;

    let written = 0;
    for (let from = 0; from < points; from += batchSize) {
      const to = Math.min(from + batchSize, points);
      const res = await run(
        `insert into yield_curve_points (curve_id, observation_date, tenor_months, yield_pct)
         select ?, s.d, s.t, s.y from unnest(?::date[], ?::smallint[], ?::numeric[]) as s(d, t, y)
         on conflict (curve_id, observation_date, tenor_months) do update set yield_pct = excluded.yield_pct
         where yield_curve_points.yield_pct is distinct from excluded.yield_pct`,
        [
          curveId,
          arrayLiteral(all.dates.slice(from, to)),
          arrayLiteral(all.tenors.slice(from, to)),
          arrayLiteral(all.yields.slice(from, to)),
        ],
      );
      written += res.affectedRows;
      log.info(
        { curve: code, rows: to, of: points, written },
        `yield curve ${code}: ${to} of ${points} points`,
      );
    }

    // Every point of the history is now stored, so extra rows can only be stale ones.
    const [{ n } = { n: 0 }] = await rows<{ n: number }>(
      'select count(*)::int as n from yield_curve_points where curve_id = ?',
      [curveId],
    );
    let deleted = 0;
    if (n > points) {
      const res = await run(
        `delete from yield_curve_points p where p.curve_id = ? and not exists (
           select 1 from unnest(?::date[], ?::smallint[]) as s(d, t)
           where s.d = p.observation_date and s.t = p.tenor_months)`,
        [curveId, arrayLiteral(all.dates), arrayLiteral(all.tenors)],
      );
      deleted = res.affectedRows;
    }
    const result: LoadCurveResult = {
      curveId,
      dates: history.observations.length,
      points,
      written,
      deleted,
      ms: Date.now() - started,
    };
    log.info({ curve: code, ...result }, `yield curve ${code}: ${points} points, ${written} written`);
    return result;
  });
}
