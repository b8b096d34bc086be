import { parseCivilDate } from '../../../domain/bonds/civil-date';
import {
  buildStatement,
  profitAndLoss,
  statementCsv,
  type StatementInput,
  type StatementTradeInput,
} from '../../../domain/statements/statement';

const trade = (
  side: 'BUY' | 'SELL',
  price: string,
  quantity: string,
  inPeriod = true,
): StatementTradeInput => ({
  tradeId: `${side}-${price}-${quantity}`,
  executedAt: '2026-11-24T10:00:00.000Z',
  isin: 'IN0020230085',
  code: 'BOND_001',
  side,
  price,
  quantity,
  mechanism: 'CONTINUOUS',
  inPeriod,
});

describe('statement P&L', () => {
  test('when a long is partly sold, then the sold part is realised at average cost and the rest is unrealised at the mark', () => {
    const pnl = profitAndLoss(
      [
        trade('BUY', '98.00', '100000', false),
        trade('BUY', '100.00', '100000', false),
        trade('SELL', '101.50', '50000'),
      ],
      { IN0020230085: '99.25' },
    );
    // Average 99.00: realised (101.50 - 99.00) x 50,000 / 100; unrealised (99.25 - 99.00) x 150,000 / 100.
    expect(pnl).toMatchObject({ realised: '1250.00', unrealised: '375.00' });
  });

  test('when a short is covered through zero into a long, then the cover is realised reversed and the new long starts at its price', () => {
    const pnl = profitAndLoss([trade('SELL', '100.00', '20000'), trade('BUY', '99.00', '50000')], {
      IN0020230085: '99.50',
    });
    // Cover 20,000 at 99 against 100: +200.00; the 30,000 long from 99.00 marked at 99.50: +150.00.
    expect(pnl).toMatchObject({ realised: '200.00', unrealised: '150.00' });
    expect(pnl.positions).toEqual([
      {
        isin: 'IN0020230085',
        quantity: '30000.00',
        average_price: '99.0000',
        mark_price: '99.50',
        unrealised: '150.00',
      },
    ]);
  });

  test('when trades before the period closed a position, then nothing is realised in the period and an unpriced bond shows no unrealised figure', () => {
    const pnl = profitAndLoss(
      [
        trade('BUY', '98.00', '10000', false),
        trade('SELL', '99.00', '10000', false),
        trade('BUY', '97.00', '10000'),
      ],
      {
        IN0020230085: null,
      },
    );
    expect(pnl).toMatchObject({ realised: '0.00', unrealised: '0.00' });
    expect(pnl.positions[0]!.unrealised).toBeNull();
  });
});

describe('the statement and its CSV', () => {
  const terms = (maturity: string) => ({
    couponPct: 8,
    maturity: parseCivilDate(maturity),
    frequency: 2 as const,
    dayCount: '30/360' as const,
  });
  const input: StatementInput = {
    participantId: 7,
    from: '2026-03-01',
    to: '2026-03-31',
    generatedAt: '2026-04-01T00:00:00.000Z',
    cash: { opening: '1000', closing: '-4900' },
    holdings: [
      {
        isin: 'INE000A01019',
        code: 'LIVE',
        quantity: '100000',
        markPrice: '100.00',
        terms: terms('2030-06-30'),
      },
      { isin: 'INE000B01017', code: 'UNPRICED', quantity: '5000', markPrice: null, terms: null },
      {
        isin: 'INE000C01015',
        code: 'MATURED',
        quantity: '10000',
        markPrice: '99.00',
        terms: terms('2026-01-31'),
      },
    ],
    trades: [
      { ...trade('BUY', '99.00', '10000', false), isin: 'INE000C01015', code: 'MATURED' },
      { ...trade('SELL', '101.00', '5000'), isin: 'INE000C01015', code: 'MATURED', mechanism: 'RFQ' },
    ],
    movements: [
      {
        reference: 'dvp:"T1",x',
        kind: 'SETTLEMENT',
        postedAt: '2026-03-02T10:00:00.000Z',
        lines: [
          { asset: 'INR', amount: '-9900' },
          { asset: 'INE000C01015', amount: '10000' },
        ],
      },
      {
        reference: 'coupon:INE000A01019',
        kind: 'COUPON',
        postedAt: '2026-03-05T10:00:00.000Z',
        lines: [{ asset: 'INR', amount: '4000' }],
      },
    ],
    fees: [],
    marks: { INE000C01015: '100.00' },
  };

  test('when holdings are priced, unpriced and matured, then values, accrued interest and totals are exact', () => {
    const s = buildStatement(input);
    // 8% on 100,000 for the 90 days (30/360) since the 31 December coupon: 2,000.00.
    expect(s.holdings).toEqual([
      {
        isin: 'INE000A01019',
        bond_id: 'LIVE',
        quantity: '100000.00',
        clean_price: '100.00',
        clean_value: '100000.00',
        accrued_interest: '2000.00',
        dirty_value: '102000.00',
      },
      {
        isin: 'INE000B01017',
        bond_id: 'UNPRICED',
        quantity: '5000.00',
        clean_price: null,
        clean_value: null,
        accrued_interest: '0.00',
        dirty_value: null,
      },
      {
        isin: 'INE000C01015',
        bond_id: 'MATURED',
        quantity: '10000.00',
        clean_price: '99.00',
        clean_value: '9900.00',
        accrued_interest: '0.00',
        dirty_value: '9900.00',
      },
    ]);
    expect(s.holdings_total).toEqual({ clean_value: '109900.00', dirty_value: '111900.00' });
    expect(s.cash).toEqual({ opening_balance: '1000.00', closing_balance: '-4900.00' });
    expect(s.trades).toEqual([
      expect.objectContaining({
        side: 'SELL',
        price: '101.0000',
        quantity: '5000.00',
        consideration: '5050.00',
      }),
    ]);
    expect(s.settlements).toEqual([
      expect.objectContaining({
        cash: '-9900.00',
        securities: [{ isin: 'INE000C01015', quantity: '10000.00' }],
      }),
    ]);
    expect(s.coupons_and_redemptions_total).toBe('4000.00');
    // Sold 5,000 of a 10,000 long bought at 99.00 for 101.00: realised 100.00; 5,000 left marked at 100: 50.00.
    expect(s.pnl).toMatchObject({ realised: '100.00', unrealised: '50.00' });
  });

  test('when a cell holds a quote or a comma, then the CSV quotes it; an empty value is an empty cell', () => {
    const csv = statementCsv(buildStatement(input)).split('\n');
    expect(csv).toContain('HOLDING,INE000B01017,UNPRICED,5000.00,,,0.00,');
    expect(csv).toContain(
      'SETTLEMENT,"dvp:""T1"",x",SETTLEMENT,2026-03-02T10:00:00.000Z,-9900.00,INE000C01015:10000.00',
    );
    expect(csv).toContain('PAYMENT,coupon:INE000A01019,COUPON,2026-03-05T10:00:00.000Z,4000.00,');
    expect(csv).toContain('SUMMARY,0.00,100.00,50.00');
    expect(csv.at(-1)).toBe('');
  });
});

describe('statement fees', () => {
  const fee = (tradeId: string, amount: string) => ({
    tradeId,
    side: 'BUY' as const,
    isin: 'IN0020230085',
    chargedAt: '2026-11-24T10:00:00.000Z',
    consideration: '995000.00',
    rateBp: '0.5',
    minimum: '10',
    amount,
    journalReference: `settlement:1:1:trade:${tradeId}:fees`,
  });
  const statement = buildStatement({
    participantId: 7,
    from: '2026-11-24',
    to: '2026-11-24',
    generatedAt: '2026-11-24T12:00:00.000Z',
    cash: { opening: '0', closing: '0' },
    holdings: [],
    trades: [],
    movements: [],
    fees: [fee('t1', '49.75'), fee('t2', '10.00')],
    marks: {},
  });

  test('when fees were charged in the period, then each is listed with its rate and the total is their sum, in JSON and CSV', () => {
    expect(statement.fees.total).toBe('59.75');
    expect(statement.fees.items[0]).toEqual({
      trade_id: 't1',
      side: 'BUY',
      isin: 'IN0020230085',
      charged_at: '2026-11-24T10:00:00.000Z',
      consideration: '995000.00',
      rate_bp: '0.5000',
      minimum: '10.00',
      amount: '49.75',
      journal_reference: 'settlement:1:1:trade:t1:fees',
    });
    const csv = statementCsv(statement);
    expect(csv).toContain(
      'FEE,t2,BUY,IN0020230085,2026-11-24T10:00:00.000Z,995000.00,0.5000,10.00,10.00,settlement:1:1:trade:t2:fees\n',
    );
    expect(csv).toContain('FEES_TOTAL,,,,,,,,59.75,\n');
  });
});
