import type { EntityManager } from '@mikro-orm/postgresql';
import type { RiskHolding } from '../../domain/portfolios/risk-positions';
import { Position, type Portfolio } from '../entities';

/** A portfolio's positions as the risk mapping reads them, read afresh, in position order. */
export async function loadRiskHoldings(em: EntityManager, portfolio: Portfolio): Promise<RiskHolding[]> {
  const positions = await em.find(Position, { portfolio }, { populate: ['bond'], orderBy: { id: 'asc' } });
  return positions.map((p) => ({
    bondId: p.bond.code,
    quantity: Number(p.quantity),
    couponPct: Number(p.bond.couponPct),
    maturityDate: p.bond.maturityDate,
    frequency: p.bond.couponFrequency,
    dayCount: p.bond.dayCount,
    issuer: p.bond.issuer,
    rating: p.bond.rating ?? null,
    yieldPct: p.bond.referenceYieldPct == null ? null : Number(p.bond.referenceYieldPct),
  }));
}
