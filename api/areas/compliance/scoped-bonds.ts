import type { EntityManager } from '@mikro-orm/postgresql';
import { Bond } from '../../../db/entities';
import { problems } from '../../http/problem';

/** The bond a limit or an override is scoped to, named by ISIN or code; a 422 on `bond_id` when none. */
export async function scopedBond(
  em: EntityManager,
  bondId: string | undefined,
): Promise<{ id: number; isin: string } | null> {
  if (bondId === undefined) return null;
  const key = bondId.toUpperCase();
  const bond = await em.findOne(Bond, { $or: [{ isin: key }, { code: key }] }, { fields: ['id', 'isin'] });
  if (!bond) throw problems.validation([{ field: 'bond_id', message: 'no such bond' }]);
  return bond;
}

/** The ISINs of the bonds a page of limits or overrides is scoped to, by bond id, in one query. */
export async function isinsOf(
  em: EntityManager,
  rows: readonly { bondId?: number | null }[],
): Promise<Map<number, string>> {
  const ids = rows.map((r) => r.bondId).filter((id): id is number => id != null);
  const bonds = ids.length ? await em.find(Bond, { id: { $in: ids } }, { fields: ['id', 'isin'] }) : [];
  return new Map(bonds.map((b) => [b.id, b.isin]));
}
