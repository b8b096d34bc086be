import {
  bondPriceAt,
  buildFamilyCurve,
  curveFamilyOf,
  curveInputsKey,
  marketObservations,
  pv01At,
  yearsToMaturity,
  type BookTouch,
  type CurveFamily,
  type FamilyCurve,
  type FittedCurveCache,
  type SourcedObservation,
} from '../../domain/fair-value';
import { parseCivilDate } from '../../domain/bonds';
import { loadCurveBonds, loadReferenceCurve, loadTradesSince, type CurveBond } from './curve-inputs';
import type { Sql } from './sql';

/** Trades older than this no longer count (at a 4-hour half-life they weigh under 1e-9 anyway). */
export const CURVE_LOOKBACK_DAYS = 5;

export interface FamilyCurveSnapshot {
  family: CurveFamily;
  asOf: Date;
  settlementDate: string;
  reference: { code: string; date: string } | null;
  curve: FamilyCurve;
  observations: SourcedObservation[];
  bonds: CurveBond[];
}

export interface BondFairValue {
  fairYieldPct: number;
  fairPrice: number;
  pv01: number;
  maturityYears: number;
}

export class NoCurveError extends Error {}

/** A fit and what it was fitted to, as a cache keeps it. */
export interface FittedFamilyCurve {
  curve: FamilyCurve;
  observations: SourcedObservation[];
  fittedAt: Date;
}

/**
 * Fits a family's curve from what the database and the books say now. `touches` reads the live
 * books (the API passes the resting orders; a worker without them fits on trades). With a `cache`,
 * a fit of the same inputs is reused (see FittedCurveCache); `onFit` hears whether it was.
 */
export async function loadFamilyCurve(
  sql: Sql,
  family: CurveFamily,
  opts: {
    now?: Date;
    touches?: (bonds: readonly CurveBond[]) => Promise<BookTouch[]>;
    cache?: FittedCurveCache<FittedFamilyCurve>;
    onFit?: (outcome: { hit: boolean; seconds: number }) => void;
  } = {},
): Promise<FamilyCurveSnapshot> {
  const asOf = opts.now ?? new Date();
  const settlementDate = asOf.toISOString().slice(0, 10);
  const bonds = (await loadCurveBonds(sql, settlementDate)).filter(
    (b) => curveFamilyOf(b.bondType, b.rating) === family,
  );
  const ids = bonds.map((b) => b.id);
  const [trades, touches, reference] = await Promise.all([
    loadTradesSince(sql, ids, new Date(asOf.getTime() - CURVE_LOOKBACK_DAYS * 86_400_000), asOf),
    opts.touches ? opts.touches(bonds) : Promise.resolve([]),
    loadReferenceCurve(sql),
  ]);
  const fit = (): FittedFamilyCurve => {
    const observations = marketObservations({
      bonds,
      trades,
      touches,
      nowMs: asOf.getTime(),
      settlementDate,
    });
    try {
      return { curve: buildFamilyCurve(observations, reference?.points ?? []), observations, fittedAt: asOf };
    } catch {
      throw new NoCurveError(`too few observations for ${family} and no reference curve is loaded`);
    }
  };
  const started = process.hrtime.bigint();
  const { value, hit } = opts.cache
    ? opts.cache.get(
        family,
        curveInputsKey({ settlementDate, bonds, trades, touches, reference: reference?.points ?? [] }),
        asOf.getTime(),
        fit,
      )
    : { value: fit(), hit: false };
  opts.onFit?.({ hit, seconds: Number(process.hrtime.bigint() - started) / 1e9 });
  return {
    family,
    asOf: value.fittedAt,
    settlementDate,
    reference: reference && { code: reference.code, date: reference.date },
    curve: value.curve,
    observations: value.observations,
    bonds,
  };
}

/** The bond's fair yield on its family's curve and the clean price and PV01 at it. */
export function fairValueOf(snapshot: FamilyCurveSnapshot, bond: CurveBond): BondFairValue {
  const maturityYears = yearsToMaturity(bond.terms.maturityDate, parseCivilDate(snapshot.settlementDate));
  const fairYieldPct = snapshot.curve.yieldAt(maturityYears);
  return {
    fairYieldPct,
    fairPrice: bondPriceAt(bond.terms, snapshot.settlementDate, fairYieldPct),
    pv01: pv01At(bond.terms, snapshot.settlementDate, fairYieldPct),
    maturityYears,
  };
}
