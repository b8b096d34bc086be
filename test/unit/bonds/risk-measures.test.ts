import fc from 'fast-check';
import { type BondTerms, parseCivilDate, riskMeasuresAtYield, settleBond } from '../../../domain/bonds';
import { pricedBondArb, yieldPctArb } from './bond-arbitraries';

const d = (text: string) => parseCivilDate(text);
const measures = (terms: BondTerms, settlement: string, yieldPct: number) =>
  riskMeasuresAtYield(settleBond(terms, d(settlement)), yieldPct);

describe('duration, convexity and PV01', () => {
  // Microsoft Excel DURATION documentation: settlement 2018-07-01, maturity 2048-01-01, 8%, yield 9%,
  // semi-annual, actual/actual -> 10.9191453 (Macaulay, years).
  it('when the Excel DURATION example is measured, then Macaulay duration is 10.9191453', () => {
    const terms: BondTerms = {
      couponPct: 8,
      maturity: d('2048-01-01'),
      frequency: 2,
      dayCount: 'ACT/ACT-ICMA',
    };
    expect(measures(terms, '2018-07-01', 9).macaulayDuration).toBeCloseTo(10.9191453, 7);
  });

  // Microsoft Excel MDURATION documentation: settlement 2008-01-01, maturity 2016-01-01, 8%, yield 9%,
  // semi-annual, actual/actual -> 5.73567 (modified, years).
  it('when the Excel MDURATION example is measured, then modified duration is 5.73567', () => {
    const terms: BondTerms = {
      couponPct: 8,
      maturity: d('2016-01-01'),
      frequency: 2,
      dayCount: 'ACT/ACT-ICMA',
    };
    expect(measures(terms, '2008-01-01', 9).modifiedDuration).toBeCloseTo(5.73567, 5);
  });

  // Hull, Options, Futures, and Other Derivatives, chapter "Interest Rates" (duration table): 3-year 10%
  // semi-annual bond at 12% continuously compounded = 12.3673% semi-annual: price 94.213, duration 2.653,
  // modified duration 2.653 / (1 + 0.123673 / 2) = 2.4985.
  it('when the Hull duration example is measured, then price 94.213, duration 2.653 and modified 2.4985', () => {
    const terms: BondTerms = { couponPct: 10, maturity: d('2029-01-01'), frequency: 2, dayCount: '30/360' };
    const semiAnnualYield = 200 * (Math.exp(0.06) - 1);
    const risk = measures(terms, '2026-01-01', semiAnnualYield);
    expect(risk.dirtyPrice).toBeCloseTo(94.213, 3);
    expect(risk.macaulayDuration).toBeCloseTo(2.653, 3);
    expect(risk.modifiedDuration).toBeCloseTo(2.4985, 4);
  });

  // Fabozzi, Bond Markets, Analysis, and Strategies, chapter "Bond Price Volatility": 9% 20-year semi-annual
  // bond at 6%: price 134.6722, modified duration 10.66, convexity measure 164.106 (years squared).
  it('when the Fabozzi convexity example is measured, then price 134.6722, modified 10.66 and convexity 164.106', () => {
    const terms: BondTerms = { couponPct: 9, maturity: d('2046-01-01'), frequency: 2, dayCount: '30/360' };
    const risk = measures(terms, '2026-01-01', 6);
    expect(risk.dirtyPrice).toBeCloseTo(134.6722, 4);
    expect(risk.modifiedDuration).toBeCloseTo(10.66, 2);
    expect(risk.convexity).toBeCloseTo(164.106, 3);
  });

  // Hand-derived: a zero-coupon bond's Macaulay duration is its time to maturity; with n periods left,
  // convexity = n (n + 1) / (f^2 (1 + y/f)^2): 10 x 11 / (4 x 1.03^2) = 25.92138.
  it('when a zero-coupon bond has 5 years left, then Macaulay duration is 5 and convexity n(n+1)/(f(1+y/f))^2', () => {
    const zero: BondTerms = { couponPct: 0, maturity: d('2031-06-30'), frequency: 2, dayCount: '30/360' };
    const risk = measures(zero, '2026-06-30', 6);
    expect(risk.macaulayDuration).toBeCloseTo(5, 12);
    expect(risk.modifiedDuration).toBeCloseTo(5 / 1.03, 12);
    expect(risk.convexity).toBeCloseTo(110 / (4 * 1.03 ** 2), 10);
  });

  it('when a zero-coupon bond settles mid-period, then Macaulay duration is still its time to maturity in periods / f', () => {
    // 2026-09-30 to 2031-06-30 on 30/360: 4 years 9 months = 4.75 years.
    const zero: BondTerms = { couponPct: 0, maturity: d('2031-06-30'), frequency: 4, dayCount: '30/360' };
    expect(measures(zero, '2026-09-30', 7.5).macaulayDuration).toBeCloseTo(4.75, 12);
  });

  it('when any bond is measured, then convexity > 0, modified = Macaulay / (1 + y/f) and PV01 is near modified x price x 1bp', () => {
    fc.assert(
      fc.property(pricedBondArb, yieldPctArb, ({ terms, settlement }, yieldPct) => {
        const risk = riskMeasuresAtYield(settleBond(terms, settlement), yieldPct);
        expect(risk.convexity).toBeGreaterThan(0);
        expect(risk.pv01).toBeGreaterThan(0);
        expect(risk.modifiedDuration).toBeCloseTo(
          risk.macaulayDuration / (1 + yieldPct / 100 / terms.frequency),
          12,
        );
        // Taylor: PV01 = MD P h + (1/2) C P h^2 + O(h^3) with h = 0.0001; the first-order gap is about the second term.
        const firstOrder = risk.modifiedDuration * risk.dirtyPrice * 1e-4;
        const secondOrder = 0.5 * risk.convexity * risk.dirtyPrice * 1e-8;
        expect(Math.abs(risk.pv01 - firstOrder)).toBeLessThanOrEqual(2 * secondOrder + 1e-12);
        expect(Math.abs(risk.pv01 - firstOrder - secondOrder)).toBeLessThanOrEqual(
          0.01 * secondOrder + 1e-12,
        );
      }),
    );
  });

  it('when any bond is measured, then Macaulay duration lies between the first and last cash-flow times', () => {
    fc.assert(
      fc.property(pricedBondArb, yieldPctArb, ({ terms, settlement }, yieldPct) => {
        const bond = settleBond(terms, settlement);
        const { macaulayDuration } = riskMeasuresAtYield(bond, yieldPct);
        const times = bond.cashFlows.map((flow) => flow.periods / terms.frequency);
        expect(macaulayDuration).toBeGreaterThanOrEqual((times[0] ?? 0) - 1e-12);
        expect(macaulayDuration).toBeLessThanOrEqual((times[times.length - 1] ?? 0) + 1e-12);
      }),
    );
  });
});
