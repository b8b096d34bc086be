import type { EntityManager } from '@mikro-orm/postgresql';
import { hashPassword } from '../../platform/password-hashing';
import { appendAudit } from '../audit-log';
import { Bond, Participant, Portfolio, User } from '../entities';
import { createHousePortfolio } from '../portfolios/house-portfolio';
import { DEMO_BONDS, DEMO_PARTICIPANTS, DEMO_USERS } from './demo-data';
import { seedOpeningBalances } from './seed-ledger';

export interface SeedResult {
  participants: number;
  users: number;
  bonds: number;
  housePortfolios: number;
  openingBalances: number;
}

/**
 * Inserts only what is missing, keyed by business key, so a restart keeps every change made
 * through the API (a reset password, a disabled user) and never duplicates a row.
 */
export async function seedDemoData(em: EntityManager, demoPassword: string): Promise<SeedResult> {
  const created: SeedResult = { participants: 0, users: 0, bonds: 0, housePortfolios: 0, openingBalances: 0 };
  const participants = new Map<string, Participant>();
  for (const p of DEMO_PARTICIPANTS) {
    let row = await em.findOne(Participant, { code: p.code });
    if (!row) {
      row = em.create(Participant, { ...p, isVenueOperator: p.isVenueOperator ?? false });
      created.participants++;
    } else if (p.fpiRegistration && !row.fpiRegistration) {
      // Demo FPIs seeded before registration numbers were held get theirs; a set one is kept.
      row.fpiRegistration = p.fpiRegistration;
    }
    participants.set(p.code, row);
  }
  // Every member participant has a HOUSE portfolio, including members onboarded since the last seed.
  const members = await em.find(Participant, { isVenueOperator: false });
  for (const row of new Set([...members, ...[...participants.values()].filter((p) => !p.isVenueOperator)])) {
    if (row.id !== undefined && (await em.count(Portfolio, { participant: row.id, kind: 'HOUSE' }))) continue;
    if (createHousePortfolio(em, row)) created.housePortfolios++;
  }
  const passwordHash = await hashPassword(demoPassword);
  for (const u of DEMO_USERS) {
    if (await em.findOne(User, { username: u.username })) continue;
    em.create(User, {
      username: u.username,
      displayName: u.displayName,
      passwordHash,
      roles: u.roles,
      participant: participants.get(u.participantCode)!,
    });
    created.users++;
  }
  for (const b of DEMO_BONDS) {
    if (await em.findOne(Bond, { isin: b.isin })) continue;
    em.create(Bond, b);
    created.bonds++;
  }
  if (created.participants + created.users + created.bonds + created.housePortfolios > 0) {
    appendAudit(em, { action: 'DEMO_DATA_SEEDED', subjectType: 'system', details: { ...created } });
  }
  await em.flush();
  // Cash and holdings come last: they need the participants and bonds above to exist.
  created.openingBalances = (await seedOpeningBalances(em)).members;
  return created;
}
