import type { EntityManager } from '@mikro-orm/postgresql';
import { Bond } from '../../../db/entities';
import { positionQuantityViolation } from '../../../domain/portfolios/position-quantity';
import type { FieldError } from '../../http/problem';

export interface PositionInput {
  bond_id: string;
  quantity: string;
  average_price?: string | undefined;
}

export interface ResolvedPosition {
  bond: Bond;
  quantity: string;
  averagePrice: string | null;
}

/**
 * Resolves each position's bond (ISIN or code) and checks its quantity against the bond's lot size.
 * Every problem is reported with the field it concerns (`positions.0.quantity`), so nothing is
 * written unless all of them are acceptable.
 */
export async function resolvePositionInputs(
  em: EntityManager,
  inputs: readonly PositionInput[],
  fieldPrefix: string,
): Promise<{ resolved: ResolvedPosition[]; errors: FieldError[] }> {
  const errors: FieldError[] = [];
  const resolved: ResolvedPosition[] = [];
  const seen = new Set<number>();
  for (const [i, input] of inputs.entries()) {
    const at = `${fieldPrefix}${i}.`;
    const key = input.bond_id.toUpperCase();
    const bond = await em.findOne(Bond, { $or: [{ isin: key }, { code: key }] });
    if (!bond) {
      errors.push({ field: `${at}bond_id`, message: `no bond with ISIN or code ${input.bond_id}` });
      continue;
    }
    if (seen.has(bond.id)) {
      errors.push({ field: `${at}bond_id`, message: `bond ${bond.code} is listed more than once` });
      continue;
    }
    seen.add(bond.id);
    const violation = positionQuantityViolation(input.quantity, bond.lotSize);
    if (violation) {
      errors.push({ field: `${at}quantity`, message: violation });
      continue;
    }
    resolved.push({ bond, quantity: input.quantity, averagePrice: input.average_price ?? null });
  }
  return { resolved, errors };
}
