import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { parseCurveCsv } from '../../domain/market-data';
import { loadCurve, type CurveDefinition, type LoadCurveResult } from '../market-data/load-curve';

export const UST_PAR_FILE = join('data', 'yield-curve', 'us_treasury_par_yield_curve.csv');

export const UST_PAR_CURVE: CurveDefinition = {
  code: 'UST_PAR',
  name: 'US Treasury daily par yield curve',
  currency: 'USD',
  source:
    'U.S. Department of the Treasury, Daily Treasury Par Yield Curve Rates (CMT), 1990-01-02 to 2025-07-11; ' +
    'public domain (data/yield-curve/README.md)',
  description:
    'Par yields in percent, bond-equivalent with semi-annual compounding. BondX uses it as a stand-in ' +
    'for an INR curve history until one is loaded. Tenors Treasury did not publish on a date have no point.',
  isStandIn: true,
};

/** The repository root, found from here both in the sources (db/seed) and the build (dist/db/seed). */
export function findRepositoryFile(relative: string, from: string = __dirname): string {
  for (let dir = from, i = 0; i < 6; i++, dir = dirname(dir)) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`${relative} not found above ${from}`);
}

/**
 * Loads the shipped UST_PAR curve when it has no points yet (a fresh database); a database that has
 * them is left alone, so a restart costs one query. Reloading on purpose is loadCurve's job.
 */
export async function seedYieldCurves(
  em: EntityManager,
  log: Logger,
  file: string = findRepositoryFile(UST_PAR_FILE),
): Promise<LoadCurveResult | undefined> {
  const [present] = await em.getConnection().execute<{ n: number }[]>(
    `select count(*)::int as n from yield_curve_points p join yield_curves c on c.id = p.curve_id
       where c.code = ?`,
    [UST_PAR_CURVE.code],
  );
  if (present && present.n > 0) {
    log.info({ curve: UST_PAR_CURVE.code, points: present.n }, 'yield curve present');
    return undefined;
  }
  log.info({ curve: UST_PAR_CURVE.code, file }, 'loading yield curve');
  return loadCurve(em, UST_PAR_CURVE, parseCurveCsv(readFileSync(file, 'utf8')), log);
}
