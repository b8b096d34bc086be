import { isinCheckDigit } from '../../domain/reference-data/isin';
import type { TestApi } from './api-harness';

export interface TestBondTerms {
  code: string;
  /** The ISIN's first 11 characters; the check digit is added. */
  isinStem: string;
  couponPct?: string;
  issueDate?: string;
  maturityDate?: string;
  frequency?: number;
  dayCount?: string;
  bondType?: 'G_SEC' | 'SDL' | 'T_BILL' | 'CORPORATE';
}

/** A bond of the test file's own (created through the API), so no other file's trades touch it. */
export async function createTestBond(api: TestApi, adminToken: string, t: TestBondTerms) {
  const isin = `${t.isinStem}${isinCheckDigit(t.isinStem)}`;
  const res = await api.call('POST', '/api/v1/bonds', {
    token: adminToken,
    body: {
      isin,
      code: t.code,
      name: `${t.couponPct ?? '7.00'}% ${t.code}`,
      issuer: 'Government of India',
      issuer_type: 'CENTRAL_GOVERNMENT',
      bond_type: t.bondType ?? 'G_SEC',
      coupon_pct: t.couponPct ?? '7.00',
      issue_date: t.issueDate ?? '2024-01-15',
      maturity_date: t.maturityDate ?? '2034-01-15',
      coupon_frequency: t.frequency ?? 2,
      day_count: t.dayCount ?? '30/360',
      face_value: '100',
      lot_size: '10000',
      tick_size: '0.0025',
      outstanding_amount: '100000000000',
    },
  });
  if (res.status !== 201) throw new Error(`bond ${t.code}: ${res.status} ${await res.text()}`);
  const row = await api.deps.pg.query('select id from bonds where isin = $1', [isin]);
  return { id: row.rows[0].id as number, isin, code: t.code };
}

/** Polls `read` until `ok`, or fails naming what it waited for. */
export async function until<T>(
  what: string,
  read: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A hand-made ledger movement at a past time (holders of record are read from the ledger as of a
 * day's close): the journal, its entries and the members' running balances, as postJournal keeps
 * them. The venue operator's side is entries only.
 */
export async function postBackdated(
  api: TestApi,
  reference: string,
  postedAt: string,
  lines: { participantId: number; asset: string; amount: string }[],
  kind = 'TEST',
) {
  const pg = api.deps.pg;
  const j = await pg.query(
    `insert into ledger_journals (reference, kind, description, posted_at) values ($1, $3, 'hand-made movement', $2) returning id`,
    [reference, postedAt, kind],
  );
  const venue = (await pg.query('select id from participants where is_venue_operator')).rows.map((r) => r.id);
  for (const l of lines) {
    await pg.query(
      'insert into ledger_entries (journal_id, participant_id, asset, amount) values ($1, $2, $3, $4)',
      [j.rows[0].id, l.participantId, l.asset, l.amount],
    );
    if (venue.includes(l.participantId)) continue;
    if (l.asset === 'INR') {
      await pg.query(
        `insert into cash_accounts (participant_id, balance) values ($1, $2)
         on conflict (participant_id) do update set balance = cash_accounts.balance + excluded.balance`,
        [l.participantId, l.amount],
      );
    } else {
      await pg.query(
        `insert into security_holdings (participant_id, isin, quantity) values ($1, $2, $3)
         on conflict (participant_id, isin) do update set quantity = security_holdings.quantity + excluded.quantity`,
        [l.participantId, l.asset, l.amount],
      );
    }
  }
}
