import type { PricedBondTerms } from './bond-fair-value';
import { bondYieldAt, yearsToMaturity } from './bond-fair-value';
import { parseCivilDate } from '../bonds';
import type { CurveObservation } from './nelson-siegel-svensson';
import { DEFAULT_WEIGHTING, observationWeight, type WeightingPolicy } from './observation-weight';

export interface ObservedBond {
  readonly id: number;
  readonly code: string;
  readonly terms: PricedBondTerms;
  readonly lotSize: number;
  /** The venue's published reference yield, if any. */
  readonly referenceYieldPct: number | null;
}

export interface TradePrint {
  readonly bondId: number;
  readonly price: number;
  readonly quantity: number;
  readonly atMs: number;
}

/** The touch of a two-sided book; its mid is the observation, the smaller side its size. */
export interface BookTouch {
  readonly bondId: number;
  readonly bid: number;
  readonly ask: number;
  readonly quantity: number;
  readonly atMs: number;
}

export type SourcedKind = 'TRADE' | 'QUOTE' | 'REFERENCE';

export interface SourcedObservation extends CurveObservation {
  readonly bondId: number;
  readonly kind: SourcedKind;
  /** The clean price observed (the mid for a quote; null for a reference yield). */
  readonly price: number | null;
}

/**
 * A published reference yield counts as a twentieth of a fresh one-lot print: enough to hold the
 * curve where the market is silent, never enough to outvote a trade.
 */
export const REFERENCE_WEIGHT = 0.05;

/**
 * The observations a family's curve is fitted to: every recent trade and two-sided book of its
 * bonds as a yield at the settlement date, weighted by age and size, plus the bonds' reference yields.
 * Prints whose yield cannot be solved (a price no yield gives) are left out rather than guessed.
 */
export function marketObservations(input: {
  bonds: readonly ObservedBond[];
  trades: readonly TradePrint[];
  touches: readonly BookTouch[];
  nowMs: number;
  settlementDate: string;
  policy?: WeightingPolicy;
}): SourcedObservation[] {
  const policy = input.policy ?? DEFAULT_WEIGHTING;
  const settlement = parseCivilDate(input.settlementDate, 'settlement_date');
  const byId = new Map(input.bonds.map((b) => [b.id, b]));
  const out: SourcedObservation[] = [];
  const add = (
    bond: ObservedBond,
    kind: SourcedKind,
    price: number | null,
    yieldPct: number,
    weight: number,
  ) => {
    const maturityYears = yearsToMaturity(bond.terms.maturityDate, settlement);
    if (maturityYears > 0 && Number.isFinite(yieldPct) && weight > 0) {
      out.push({ bondId: bond.id, kind, price, maturityYears, yieldPct, weight });
    }
  };
  // Prints sit on a tick grid, so a busy bond repeats its prices: each is solved for its yield once.
  const solved = new Map<string, number>();
  const yieldOf = (bond: ObservedBond, price: number) => {
    const key = `${bond.id}:${price}`;
    let y = solved.get(key);
    if (y === undefined) {
      try {
        y = bondYieldAt(bond.terms, input.settlementDate, price);
      } catch {
        y = NaN;
      }
      solved.set(key, y);
    }
    return y;
  };
  for (const t of input.trades) {
    const bond = byId.get(t.bondId);
    if (!bond) continue;
    const weight = observationWeight(
      'TRADE',
      (input.nowMs - t.atMs) / 1000,
      t.quantity,
      bond.lotSize,
      policy,
    );
    add(bond, 'TRADE', t.price, yieldOf(bond, t.price), weight);
  }
  for (const q of input.touches) {
    const bond = byId.get(q.bondId);
    if (!bond || !(q.ask > q.bid)) continue;
    const mid = (q.bid + q.ask) / 2;
    const weight = observationWeight(
      'QUOTE',
      (input.nowMs - q.atMs) / 1000,
      q.quantity,
      bond.lotSize,
      policy,
    );
    add(bond, 'QUOTE', mid, yieldOf(bond, mid), weight);
  }
  for (const bond of input.bonds) {
    if (bond.referenceYieldPct !== null)
      add(bond, 'REFERENCE', null, bond.referenceYieldPct, REFERENCE_WEIGHT);
  }
  return out;
}
