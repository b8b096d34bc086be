import type { EntityManager } from '@mikro-orm/postgresql';
import { Bond } from '../../../db/entities';
import { problems } from '../../http/problem';

/** `bond_id` in paths and bodies is the ISIN or the short code (CONVENTIONS.md). */
export async function findBond(em: EntityManager, bondId: string): Promise<Bond> {
  const bond = await em.findOne(Bond, {
    $or: [{ isin: bondId.toUpperCase() }, { code: bondId.toUpperCase() }],
  });
  if (!bond) throw problems.notFound(`Bond ${bondId}`);
  return bond;
}
