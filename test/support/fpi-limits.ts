import type { Pool } from 'pg';
import { istDate } from '../../domain/compliance/reports/report-values';

/**
 * Takes back the national FPI figures a suite uploaded for today (IST): they would otherwise stay
 * in force for every later suite, and FPI buys there would meet this suite's exhausted limits.
 */
export async function removeTodaysFpiLimits(pg: Pool): Promise<void> {
  await pg.query('delete from fpi_national_limits where as_of = $1', [istDate(new Date())]);
}
