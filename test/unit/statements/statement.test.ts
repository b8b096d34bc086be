import { profitAndLoss, type StatementTradeInput } from '../../../domain/statements/statement';

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
