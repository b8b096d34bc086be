import type { EntityManager } from '@mikro-orm/postgresql';

export interface RiskCurve {
  code: string;
  isStandIn: boolean;
}

/**
 * The curve whose daily changes drive risk runs: the newest curve loaded as a real (not stand-in)
 * history, else the shipped stand-in (UST_PAR). Loading an INR history through the admin endpoint
 * is therefore enough to switch every later run to it.
 */
export async function riskCurve(em: EntityManager): Promise<RiskCurve | null> {
  const [row] = await em
    .getConnection()
    .execute<{ code: string; is_stand_in: boolean }[]>(
      'select code, is_stand_in from yield_curves order by is_stand_in asc, created_at desc, id desc limit 1',
    );
  return row ? { code: row.code, isStandIn: row.is_stand_in } : null;
}
