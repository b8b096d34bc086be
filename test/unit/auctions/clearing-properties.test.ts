import fc from 'fast-check';
import {
  allocateProRata,
  clearAuction,
  type AuctionSpec,
  type Bid,
  type BidBasis,
  type ClearingResult,
} from '../../../domain/auctions';
import { linearPriceFromYield } from './auction-fixture';

interface Case {
  spec: AuctionSpec;
  bids: Bid[];
  acceptedAmount: number;
}

// Prices on a 0.05 grid from 99.00 and yields on a 0.01 grid from 7.00, few enough to make ties common.
const valueOf = (basis: BidBasis, tick: number): string =>
  basis === 'PRICE' ? (99 + tick * 0.05).toFixed(2) : (7 + tick * 0.01).toFixed(2);
/** Ranking score in hundredths: higher is better whatever the basis. */
const scoreOf = (basis: BidBasis, value: string): number =>
  Math.round(Number(value) * 100) * (basis === 'PRICE' ? 1 : -1);

const caseArb = (options: { capped: boolean; reserved: boolean }): fc.Arbitrary<Case> =>
  fc
    .record({
      lot: fc.constantFrom(1_000, 10_000),
      lots: fc.integer({ min: 1, max: 200 }),
      greenshoeLots: fc.integer({ min: 0, max: 50 }),
      extraLots: fc.integer({ min: 0, max: 50 }),
      ncPct: fc.integer({ min: 0, max: 10 }),
      capPct: options.capped ? fc.integer({ min: 5, max: 100 }) : fc.constant(undefined),
      reserveTick: options.reserved ? fc.integer({ min: 0, max: 30 }) : fc.constant(undefined),
      format: fc.constantFrom('DUTCH' as const, 'SEALED_BID' as const, 'ENGLISH' as const),
      basis: fc.constantFrom('PRICE' as const, 'YIELD' as const),
      bids: fc.array(
        fc.record({
          participant: fc.integer({ min: 1, max: 8 }),
          lots: fc.integer({ min: 1, max: 50 }),
          tick: fc.integer({ min: 0, max: 30 }),
          nonCompetitive: fc.boolean(),
          time: fc.integer({ min: 0, max: 20 }),
        }),
        { maxLength: 60 },
      ),
    })
    .map((r) => {
      const limit = r.reserveTick === undefined ? undefined : valueOf(r.basis, r.reserveTick);
      const spec: AuctionSpec = {
        format: r.format,
        totalLotSize: r.lot * r.lots,
        minimumLotSize: r.lot,
        bidBasis: r.basis,
        greenshoeAmount: r.lot * r.greenshoeLots,
        nonCompetitivePct: r.ncPct,
        maxBidderPct: r.capPct,
        ...(r.basis === 'PRICE' ? { reservePrice: limit } : { maxYield: limit, couponPct: '7.15' }),
      };
      const bids = r.bids.map((b, i): Bid => {
        const base = { id: i, participantId: b.participant, time: b.time, amount: b.lots * r.lot };
        if (b.nonCompetitive && r.ncPct > 0) return { ...base, nonCompetitive: true };
        return r.basis === 'PRICE'
          ? { ...base, price: valueOf(r.basis, b.tick) }
          : { ...base, yield: valueOf(r.basis, b.tick) };
      });
      return { spec, bids, acceptedAmount: r.lot * (r.lots + Math.min(r.extraLots, r.greenshoeLots)) };
    });

function clear(c: Case): ClearingResult {
  return clearAuction(c.spec, c.bids, {
    acceptedAmount: c.acceptedAmount,
    priceFromYield: linearPriceFromYield,
  });
}

const bidValue = (bid: Bid): string => String(bid.price ?? bid.yield);

describe('clearing invariants', () => {
  it('when any auction clears, then no more than notified + greenshoe (and the accepted amount) is allotted', () => {
    fc.assert(
      fc.property(caseArb({ capped: true, reserved: true }), (c) => {
        const result = clear(c);
        const sum = result.allotments.reduce((s, a) => s + a.allottedAmount, 0);
        expect(sum).toBe(result.totalAllotted);
        expect(result.totalAllotted).toBeLessThanOrEqual(c.acceptedAmount);
        expect(result.totalAllotted).toBeLessThanOrEqual(c.spec.totalLotSize + (c.spec.greenshoeAmount ?? 0));
      }),
    );
  });

  it('when any auction clears, then every allotment is a lot multiple no larger than the bid', () => {
    fc.assert(
      fc.property(caseArb({ capped: true, reserved: true }), (c) => {
        for (const a of clear(c).allotments) {
          expect(a.allottedAmount % c.spec.minimumLotSize).toBe(0);
          expect(a.allottedAmount).toBeLessThanOrEqual(a.bidAmount - a.cappedAmount);
        }
      }),
    );
  });

  it('when any auction clears, then bids worse than the cut-off get nothing and better ones get all they may', () => {
    fc.assert(
      fc.property(caseArb({ capped: true, reserved: true }), (c) => {
        const result = clear(c);
        const basis = c.spec.bidBasis;
        const cutoff = basis === 'PRICE' ? result.cutoffPrice : result.cutoffYield;
        c.bids.forEach((bid, i) => {
          const a = result.allotments[i];
          if (!a || bid.nonCompetitive) return;
          if (cutoff === null) {
            expect(a.allottedAmount).toBe(0);
            return;
          }
          const vsCutoff = scoreOf(basis, bidValue(bid)) - scoreOf(basis, cutoff);
          if (vsCutoff < 0) expect(a.allottedAmount).toBe(0);
          if (vsCutoff > 0 && a.outcome !== 'REJECTED')
            expect(a.allottedAmount).toBe(a.bidAmount - a.cappedAmount);
        });
      }),
    );
  });

  it('when competitive demand covers the target, then exactly the target is allotted', () => {
    fc.assert(
      fc.property(caseArb({ capped: false, reserved: false }), (c) => {
        const competitiveDemand = c.bids.filter((b) => !b.nonCompetitive).reduce((s, b) => s + b.amount, 0);
        const result = clear(c);
        if (competitiveDemand >= c.acceptedAmount) expect(result.fullySubscribed).toBe(true);
        if (result.fullySubscribed) expect(result.totalAllotted).toBe(c.acceptedAmount);
      }),
    );
  });

  it('when a bidder cap is set, then no participant is allotted more than it', () => {
    fc.assert(
      fc.property(caseArb({ capped: true, reserved: false }), (c) => {
        const cap =
          Math.floor((c.spec.totalLotSize * Number(c.spec.maxBidderPct)) / 100 / c.spec.minimumLotSize) *
          c.spec.minimumLotSize;
        const perParticipant = new Map<unknown, number>();
        for (const a of clear(c).allotments)
          perParticipant.set(a.participantId, (perParticipant.get(a.participantId) ?? 0) + a.allottedAmount);
        for (const total of perParticipant.values()) expect(total).toBeLessThanOrEqual(cap);
      }),
    );
  });

  it('when the price is uniform, then every competitive winner pays the cut-off price', () => {
    fc.assert(
      fc.property(caseArb({ capped: true, reserved: true }), (c) => {
        const result = clearAuction({ ...c.spec, format: 'DUTCH' }, c.bids, {
          acceptedAmount: c.acceptedAmount,
          priceFromYield: linearPriceFromYield,
        });
        for (const a of result.allotments) {
          if (a.allottedAmount > 0 && !a.nonCompetitive) expect(a.pricePaid).toBe(result.cutoffPrice);
        }
      }),
    );
  });
});

describe('pro-rata invariants', () => {
  it('when a pool is shared, then shares sum to it and each is within one lot of its exact share', () => {
    const claimsArb = fc.array(fc.integer({ min: 1, max: 1_000 }), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(
        claimsArb,
        fc.integer({ min: 0, max: 40_000 }),
        fc.constantFrom(1, 1_000, 10_000),
        (lotsPerClaim, poolLots, lot) => {
          const claims = lotsPerClaim.map((n, i) => ({
            bid: { id: i, participantId: i, time: 0, amount: n * lot },
            amount: n * lot,
          }));
          const total = claims.reduce((s, c) => s + c.amount, 0);
          const pool = Math.min(poolLots * lot, total);
          const shares = allocateProRata(claims, pool, lot);
          expect(shares.reduce((s, x) => s + x, 0)).toBe(pool);
          shares.forEach((share, i) => {
            const claim = (claims[i] as { amount: number }).amount;
            expect(share % lot).toBe(0);
            expect(share).toBeLessThanOrEqual(claim);
            // |share - pool * claim / total| < lot, in integers: |share * total - pool * claim| < lot * total
            expect(Math.abs(share * total - pool * claim)).toBeLessThan(lot * total);
          });
        },
      ),
    );
  });
});

describe('pro-rata leftover lots', () => {
  // The rule as written: every claim's exact remainder, all sorted (largest first, then earlier time,
  // then smaller id), one leftover lot each down the list. The clearing finds the same claims through
  // a remainder threshold; this checks the two agree, ties included.
  function byTheRule(claims: { time: number; id: number; lots: number }[], poolLots: number): number[] {
    const totalLots = claims.reduce((s, c) => s + c.lots, 0);
    const floors = claims.map((c) => Math.floor((poolLots * c.lots) / totalLots));
    const order = claims
      .map((c, i) => ({ i, remainder: (poolLots * c.lots) % totalLots, time: c.time, id: c.id }))
      .filter((c) => c.remainder > 0)
      .sort((a, b) => b.remainder - a.remainder || a.time - b.time || a.id - b.id);
    let leftover = poolLots - floors.reduce((s, x) => s + x, 0);
    for (const { i } of order) if (leftover-- > 0) floors[i] = (floors[i] as number) + 1;
    return floors;
  }

  it('when many remainders tie, then the leftover lots go exactly where the rule sends them', () => {
    const claimArb = fc.record({
      time: fc.integer({ min: 0, max: 5 }),
      lots: fc.integer({ min: 1, max: 6 }),
    });
    fc.assert(
      fc.property(fc.array(claimArb, { minLength: 1, maxLength: 60 }), fc.nat(400), (raw, poolSeed) => {
        const claims = raw.map((c, id) => ({ ...c, id }));
        const totalLots = claims.reduce((s, c) => s + c.lots, 0);
        const poolLots = poolSeed % totalLots;
        const shares = allocateProRata(
          claims.map((c) => ({
            bid: { id: c.id, participantId: c.id, time: c.time, amount: c.lots * 1_000 },
            amount: c.lots * 1_000,
          })),
          poolLots * 1_000,
          1_000,
        );
        expect(shares).toEqual(byTheRule(claims, poolLots).map((lots) => lots * 1_000));
      }),
    );
  });
});
