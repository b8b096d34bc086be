import type { EntityManager } from '@mikro-orm/postgresql';
import { FpiNationalLimit } from '../entities';

/**
 * Stand-in FPI national limits (rupees crore: limit, utilised) so FPI buys can be checked before
 * the first upload of the RBI's published figures (POST /api/v1/compliance/fpi-limits). Dated
 * 2000-01-01, so any uploaded day supersedes them. FAR has no limit.
 */
const STAND_IN_LIMITS_CRORE: ReadonlyArray<readonly [string, number | null, number]> = [
  ['GSEC_GENERAL', 250_000, 50_000],
  ['GSEC_LONG_TERM', 100_000, 20_000],
  ['SDL', 100_000, 5_000],
  ['CORPORATE', 750_000, 120_000],
  ['FAR', null, 300_000],
  ['VRR', 250_000, 150_000],
];

const CRORE_PAISE = 1_000_000_000n;

/** Loads the stand-in limits when no limit has been loaded at all. */
export async function seedFpiLimits(em: EntityManager): Promise<number> {
  if (await em.count(FpiNationalLimit, {})) return 0;
  for (const [category, limit, utilised] of STAND_IN_LIMITS_CRORE)
    em.create(FpiNationalLimit, {
      asOf: '2000-01-01',
      category,
      limitPaise: limit === null ? null : (BigInt(limit) * CRORE_PAISE).toString(),
      utilisedPaise: (BigInt(utilised) * CRORE_PAISE).toString(),
    });
  await em.flush();
  return STAND_IN_LIMITS_CRORE.length;
}
