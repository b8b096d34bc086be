import type { EntityManager } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import {
  withBondxFpiFlows,
  type FpiCategory,
  type PublishedFpiLimit,
} from '../../domain/compliance/regulatory-checks';
import { fpiCategoryOfBond } from '../../domain/compliance/reporting';
import type { BondType } from '../../domain/reference-data/bond-types';

/** Runs SQL with positional parameters `$1, $2, ...`, each used once and in order. */
export type SqlRunner = (sql: string, params: unknown[]) => Promise<unknown[]>;

export const pgRunner =
  (pg: Pick<Pool, 'query'>): SqlRunner =>
  async (sql, params) =>
    (await pg.query(sql, params)).rows;

/** The ORM's connection binds `?`: the same SQL runs there with its `$n` rewritten. */
export const emRunner =
  (em: EntityManager): SqlRunner =>
  (sql, params) =>
    em.getConnection().execute(sql.replace(/\$\d+/g, '?'), params) as Promise<unknown[]>;

const IST_DATE = (column: string) => `(${column} at time zone 'Asia/Kolkata')::date::text`;

/**
 * BondX's net FPI purchases per bond type and IST day in [from, until): trades (not busted) an FPI
 * bought count plus, sold minus (an FPI-to-FPI trade nets out), and auction allotments to FPIs
 * count at their clearing time. Paise of face value.
 */
const FLOWS_SQL = `
select bond_type, day, sum(net_paise)::numeric(30, 0)::text as net_paise from (
  select b.bond_type, ${IST_DATE('t.executed_at')} as day,
         ((case when bp.kind = 'FPI' then t.quantity else 0 end)
          - (case when sp.kind = 'FPI' then t.quantity else 0 end)) * 100 as net_paise
    from trades t
    join bonds b on b.id = t.bond_id
    join participants bp on bp.id = t.buyer_participant_id
    join participants sp on sp.id = t.seller_participant_id
   where t.status <> 'BUSTED' and (bp.kind = 'FPI' or sp.kind = 'FPI')
     and t.executed_at >= $1 and t.executed_at < $2
  union all
  select b.bond_type, ${IST_DATE('a.cleared_at')}, al.allotted_amount * 100
    from auction_allotments al
    join auctions a on a.id = al.auction_id
    join bonds b on b.id = a.bond_id
    join participants p on p.id = al.participant_id
   where p.kind = 'FPI' and al.allotted_amount > 0
     and a.cleared_at >= $3 and a.cleared_at < $4
) f group by bond_type, day`;

/**
 * The national FPI limits in force on `day` (the latest published figures of each category on or
 * before it), each with BondX's net FPI purchases from its publication date up to `until`.
 */
export async function loadFpiLimitsInForce(
  run: SqlRunner,
  day: string,
  until: Date,
): Promise<PublishedFpiLimit[]> {
  const rows = (await run(
    `select distinct on (category) category, as_of::text as as_of, limit_paise::text as limit_paise,
            utilised_paise::text as utilised_paise
       from fpi_national_limits where as_of <= $1 order by category, as_of desc`,
    [day],
  )) as { category: FpiCategory; as_of: string; limit_paise: string | null; utilised_paise: string }[];
  const published = rows.map((r) => ({
    category: r.category,
    asOf: r.as_of,
    limitPaise: r.limit_paise === null ? null : BigInt(r.limit_paise),
    utilisedPaise: BigInt(r.utilised_paise),
  }));
  if (!published.length) return [];
  const earliest = published.reduce((min, l) => (l.asOf < min ? l.asOf : min), published[0]!.asOf);
  const from = new Date(`${earliest}T00:00:00+05:30`);
  const flows = (await run(FLOWS_SQL, [from, until, from, until])) as {
    bond_type: BondType;
    day: string;
    net_paise: string;
  }[];
  return withBondxFpiFlows(
    published,
    flows.map((f) => ({
      category: fpiCategoryOfBond(f.bond_type),
      day: f.day,
      netPaise: BigInt(f.net_paise),
    })),
  );
}
