import { accruedInterestRupees } from '../bonds/accrued-interest';
import { compareCivilDates, parseCivilDate } from '../bonds/civil-date';
import { ExactDecimal } from '../bonds/rounding';
import type { BondTerms } from '../bonds/types';
import { CASH_ASSET } from '../ledger/journal';
import { applyFill, type Holding } from '../portfolios/position-fill';

export interface StatementHoldingInput {
  isin: string;
  code: string;
  /** Rupees of face value at the close of `to`, from the ledger. */
  quantity: string;
  /** Clean price per 100 used to value it: the last trade by `to`, else the reference price. */
  markPrice: string | null;
  /** Coupon bonds only: accrued interest is counted to `to`. */
  terms: BondTerms | null;
}

export interface StatementTradeInput {
  tradeId: string;
  executedAt: string;
  isin: string;
  code: string;
  /** The participant's side. */
  side: 'BUY' | 'SELL';
  price: string;
  quantity: string;
  mechanism: string;
  /** Executed within [from, to]; earlier trades only build the average cost. */
  inPeriod: boolean;
}

export interface StatementMovementInput {
  reference: string;
  kind: string;
  postedAt: string;
  /** The participant's legs: cash (`INR`) and securities (ISIN), signed. */
  lines: { asset: string; amount: string }[];
}

/** A venue fee the participant paid on a settled trade (`trade_fees`), amounts in rupees. */
export interface StatementFeeInput {
  tradeId: string;
  side: 'BUY' | 'SELL';
  isin: string;
  chargedAt: string;
  consideration: string;
  rateBp: string;
  minimum: string;
  amount: string;
  journalReference: string;
}

export interface StatementInput {
  participantId: number;
  from: string;
  to: string;
  generatedAt: string;
  cash: { opening: string; closing: string };
  holdings: StatementHoldingInput[];
  /** Every trade of the participant up to `to`, oldest first. */
  trades: StatementTradeInput[];
  /** Ledger journals of the period that touched the participant, oldest first. */
  movements: StatementMovementInput[];
  /** Fees charged in the period, oldest first. */
  fees: StatementFeeInput[];
  marks: Record<string, string | null>;
}

const D = (v: string | number) => new ExactDecimal(v);
const money = (v: InstanceType<typeof ExactDecimal>) => v.toFixed(2);

const PAYMENT_KINDS = new Set(['COUPON', 'REDEMPTION']);

/**
 * Average-cost P&L from the trades: a fill that reduces a position realises (price - average) on the
 * quantity closed (reversed for a short), counted when it is in the period; what is open at `to` is
 * unrealised against the mark. Positions come from trades only (auction allotments are not trades).
 */
export function profitAndLoss(trades: readonly StatementTradeInput[], marks: Record<string, string | null>) {
  const holdings = new Map<string, Holding>();
  let realised = D(0);
  for (const t of trades) {
    const before = holdings.get(t.isin) ?? { quantity: '0', averagePrice: null };
    const signed = t.side === 'BUY' ? t.quantity : `-${t.quantity}`;
    const q0 = D(before.quantity);
    const dq = D(signed);
    if (t.inPeriod && before.averagePrice !== null && !q0.isZero() && q0.isNeg() !== dq.isNeg()) {
      const closed = ExactDecimal.min(q0.abs(), dq.abs());
      const perUnit = D(t.price)
        .minus(before.averagePrice)
        .times(q0.isNeg() ? -1 : 1);
      realised = realised.plus(perUnit.times(closed).dividedBy(100));
    }
    holdings.set(t.isin, applyFill(before, signed, t.price));
  }
  let unrealised = D(0);
  const open = [...holdings.entries()]
    .filter(([, h]) => !D(h.quantity).isZero())
    .map(([isin, h]) => {
      const mark = marks[isin] ?? null;
      const pnl = mark === null ? null : D(mark).minus(h.averagePrice!).times(h.quantity).dividedBy(100);
      if (pnl) unrealised = unrealised.plus(pnl);
      return {
        isin,
        quantity: D(h.quantity).toFixed(2),
        average_price: h.averagePrice,
        mark_price: mark,
        unrealised: pnl === null ? null : money(pnl),
      };
    });
  return { realised: money(realised), unrealised: money(unrealised), positions: open };
}

/** A participant's statement for [from, to]: every amount exact, in rupees with 2 decimals. */
export function buildStatement(input: StatementInput) {
  const to = parseCivilDate(input.to, 'to');
  const holdings = input.holdings.map((h) => {
    const clean = h.markPrice === null ? null : D(h.quantity).times(h.markPrice).dividedBy(100);
    const accrued =
      h.terms && compareCivilDates(to, h.terms.maturity) < 0
        ? accruedInterestRupees(h.terms, to, h.quantity)
        : '0.00';
    return {
      isin: h.isin,
      bond_id: h.code,
      quantity: D(h.quantity).toFixed(2),
      clean_price: h.markPrice,
      clean_value: clean === null ? null : money(clean),
      accrued_interest: accrued,
      dirty_value: clean === null ? null : money(clean.plus(accrued)),
    };
  });
  const trades = input.trades
    .filter((t) => t.inPeriod)
    .map((t) => ({
      trade_id: t.tradeId,
      executed_at: t.executedAt,
      isin: t.isin,
      bond_id: t.code,
      side: t.side,
      price: D(t.price).toFixed(4),
      quantity: D(t.quantity).toFixed(2),
      consideration: money(D(t.quantity).times(t.price).dividedBy(100)),
      execution_mechanism: t.mechanism,
    }));
  const movementJson = (m: StatementMovementInput) => ({
    reference: m.reference,
    kind: m.kind,
    posted_at: m.postedAt,
    cash: money(m.lines.filter((l) => l.asset === CASH_ASSET).reduce((s, l) => s.plus(l.amount), D(0))),
    securities: m.lines
      .filter((l) => l.asset !== CASH_ASSET)
      .map((l) => ({ isin: l.asset, quantity: D(l.amount).toFixed(2) })),
  });
  const payments = input.movements.filter((m) => PAYMENT_KINDS.has(m.kind)).map(movementJson);
  const sum = (values: (string | null)[]) =>
    money(values.reduce((s, v) => (v === null ? s : s.plus(v)), D(0)));
  const fees = input.fees.map((f) => ({
    trade_id: f.tradeId,
    side: f.side,
    isin: f.isin,
    charged_at: f.chargedAt,
    consideration: D(f.consideration).toFixed(2),
    rate_bp: D(f.rateBp).toFixed(4),
    minimum: D(f.minimum).toFixed(2),
    amount: D(f.amount).toFixed(2),
    journal_reference: f.journalReference,
  }));
  return {
    participant_id: input.participantId,
    from: input.from,
    to: input.to,
    generated_at: input.generatedAt,
    holdings,
    holdings_total: {
      clean_value: sum(holdings.map((h) => h.clean_value)),
      dirty_value: sum(holdings.map((h) => h.dirty_value)),
    },
    cash: {
      opening_balance: D(input.cash.opening).toFixed(2),
      closing_balance: D(input.cash.closing).toFixed(2),
    },
    trades,
    settlements: input.movements.filter((m) => !PAYMENT_KINDS.has(m.kind)).map(movementJson),
    coupons_and_redemptions: payments,
    coupons_and_redemptions_total: sum(payments.map((p) => p.cash)),
    fees: { total: sum(fees.map((f) => f.amount)), items: fees },
    pnl: profitAndLoss(input.trades, input.marks),
  };
}

export type Statement = ReturnType<typeof buildStatement>;

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvRow = (cells: unknown[]) => cells.map(csvCell).join(',');

/** The statement as CSV: one block per section (a `section` column first), so it opens in any spreadsheet. */
export function statementCsv(s: Statement): string {
  const rows: unknown[][] = [
    ['section', 'participant_id', 'from', 'to', 'generated_at'],
    ['STATEMENT', s.participant_id, s.from, s.to, s.generated_at],
    [],
    [
      'section',
      'isin',
      'bond_id',
      'quantity',
      'clean_price',
      'clean_value',
      'accrued_interest',
      'dirty_value',
    ],
    ...s.holdings.map((h) => [
      'HOLDING',
      h.isin,
      h.bond_id,
      h.quantity,
      h.clean_price,
      h.clean_value,
      h.accrued_interest,
      h.dirty_value,
    ]),
    ['HOLDINGS_TOTAL', '', '', '', '', s.holdings_total.clean_value, '', s.holdings_total.dirty_value],
    [],
    ['section', 'opening_balance', 'closing_balance'],
    ['CASH', s.cash.opening_balance, s.cash.closing_balance],
    [],
    [
      'section',
      'trade_id',
      'executed_at',
      'isin',
      'side',
      'price',
      'quantity',
      'consideration',
      'execution_mechanism',
    ],
    ...s.trades.map((t) => [
      'TRADE',
      t.trade_id,
      t.executed_at,
      t.isin,
      t.side,
      t.price,
      t.quantity,
      t.consideration,
      t.execution_mechanism,
    ]),
    [],
    ['section', 'reference', 'kind', 'posted_at', 'cash', 'securities'],
    ...[
      ...s.settlements.map((m) => ['SETTLEMENT', m]),
      ...s.coupons_and_redemptions.map((m) => ['PAYMENT', m]),
    ].map(([section, m]) => {
      const x = m as Statement['settlements'][number];
      return [
        section,
        x.reference,
        x.kind,
        x.posted_at,
        x.cash,
        x.securities.map((l) => `${l.isin}:${l.quantity}`).join(' '),
      ];
    }),
    [],
    [
      'section',
      'trade_id',
      'side',
      'isin',
      'charged_at',
      'consideration',
      'rate_bp',
      'minimum',
      'amount',
      'journal_reference',
    ],
    ...s.fees.items.map((f) => [
      'FEE',
      f.trade_id,
      f.side,
      f.isin,
      f.charged_at,
      f.consideration,
      f.rate_bp,
      f.minimum,
      f.amount,
      f.journal_reference,
    ]),
    ['FEES_TOTAL', '', '', '', '', '', '', '', s.fees.total, ''],
    [],
    ['section', 'fees_total', 'realised_pnl', 'unrealised_pnl'],
    ['SUMMARY', s.fees.total, s.pnl.realised, s.pnl.unrealised],
  ];
  return rows.map(csvRow).join('\n') + '\n';
}
