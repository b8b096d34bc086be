import fc from 'fast-check';
import {
  applyCheckOverrides,
  overrideCovers,
  overrideStatus,
  type CheckOverrideGrant,
  type OverrideSubject,
} from '../../../domain/compliance/check-overrides';
import { checkRegulatory, type RegulatoryCheckOutcome } from '../../../domain/compliance/regulatory-checks';

const RUPEE = 100n;
const now = new Date('2026-11-24T10:00:00+05:30');
const later = new Date('2026-11-24T15:00:00+05:30');

const grant = (over: Partial<CheckOverrideGrant> = {}): CheckOverrideGrant => ({
  id: 1,
  participantId: 7,
  check: 'FPI_LIMIT',
  bondId: null,
  fpiCategory: 'CORPORATE',
  maxPaise: 50_000n * RUPEE,
  usedPaise: 0n,
  expiresAt: later,
  revokedAt: null,
  ...over,
});
const subject = (over: Partial<OverrideSubject> = {}): OverrideSubject => ({
  participantId: 7,
  bondId: 42,
  fpiCategory: 'CORPORATE',
  faceValuePaise: 10_000n * RUPEE,
  ...over,
});

/** An FPI buy of `faceValuePaise` against an exhausted CORPORATE limit: FPI_LIMIT refused, the others pass. */
const exhausted = (faceValuePaise: bigint): RegulatoryCheckOutcome[] =>
  checkRegulatory(
    { side: 'BUY', faceValuePaise },
    {
      isFpi: true,
      fpi: { category: 'CORPORATE', limitPaise: 100n * RUPEE, utilisedPaise: 100n * RUPEE },
      positionPaise: 0n,
      outstandingPaise: 10n ** 12n,
      liquid: false,
    },
  ).outcomes;

describe('override status', () => {
  test('when revoked, expired or used up, then it says which, revoked first', () => {
    expect(overrideStatus(grant(), now)).toBe('ACTIVE');
    expect(overrideStatus(grant({ usedPaise: 50_000n * RUPEE }), now)).toBe('USED_UP');
    expect(overrideStatus(grant({ expiresAt: now }), now)).toBe('EXPIRED');
    expect(overrideStatus(grant({ expiresAt: now, revokedAt: now }), now)).toBe('REVOKED');
  });
});

describe('what an override covers', () => {
  test('when the participant, check kind, scope and remaining amount fit, then it covers, and not otherwise', () => {
    expect(overrideCovers(grant(), 'FPI_LIMIT', subject(), now)).toBe(true);
    expect(overrideCovers(grant(), 'POSITION_LIMIT', subject(), now)).toBe(false);
    expect(overrideCovers(grant(), 'FPI_LIMIT', subject({ participantId: 8 }), now)).toBe(false);
    expect(overrideCovers(grant(), 'FPI_LIMIT', subject({ fpiCategory: 'SDL' }), now)).toBe(false);
    expect(
      overrideCovers(grant({ bondId: 42, fpiCategory: null }), 'FPI_LIMIT', subject({ bondId: 43 }), now),
    ).toBe(false);
    // Rs 40,000 used of Rs 50,000: Rs 10,000 exactly fits, a paisa more does not.
    const used = grant({ usedPaise: 40_000n * RUPEE });
    expect(overrideCovers(used, 'FPI_LIMIT', subject(), now)).toBe(true);
    expect(overrideCovers(used, 'FPI_LIMIT', subject({ faceValuePaise: 10_000n * RUPEE + 1n }), now)).toBe(
      false,
    );
    expect(overrideCovers(grant({ revokedAt: now }), 'FPI_LIMIT', subject(), now)).toBe(false);
  });
});

describe('applying overrides to the checks', () => {
  test('when a live override covers the refused FPI check, then it passes, marked with the override and one use', () => {
    const result = applyCheckOverrides(exhausted(10_000n * RUPEE), [grant({ id: 5 })], subject(), now);
    expect(result.passed).toBe(true);
    expect(result.uses).toEqual([{ overrideId: 5, check: 'FPI_LIMIT', paise: 1_000_000n }]);
    expect(result.outcomes[0]).toMatchObject({
      check: 'FPI_LIMIT',
      passed: true,
      reason: 'FPI_LIMIT_EXHAUSTED',
      overrideId: 5,
    });
    expect(result.outcomes[0]!.message).toMatch(/lifted by compliance override 5$/);
    expect(result.outcomes[1]).not.toHaveProperty('overrideId');
  });

  test('when two overrides cover, then the bond\u2019s own is used before the category\u2019s, then the one expiring first', () => {
    const category = grant({ id: 1 });
    const bond = grant({ id: 2, bondId: 42, fpiCategory: null, expiresAt: new Date(later.getTime() + 1) });
    const sooner = grant({ id: 3, expiresAt: new Date(later.getTime() - 1) });
    const pick = (grants: CheckOverrideGrant[]) =>
      applyCheckOverrides(exhausted(RUPEE), grants, subject({ faceValuePaise: RUPEE }), now).uses[0]!
        .overrideId;
    expect(pick([category, bond, sooner])).toBe(2);
    expect(pick([category, sooner])).toBe(3);
    expect(pick([sooner, grant({ id: 0, expiresAt: sooner.expiresAt })])).toBe(0);
  });

  test('when one of two refused checks has no override, then nothing is lifted or used', () => {
    const outcomes: RegulatoryCheckOutcome[] = [
      ...exhausted(10_000n * RUPEE),
      {
        check: 'POSITION_LIMIT',
        passed: false,
        reason: 'POSITION_LIMIT_EXCEEDED',
        message: 'over',
        figures: {},
      },
    ];
    const result = applyCheckOverrides(outcomes, [grant()], subject(), now);
    expect(result).toEqual({ passed: false, outcomes, uses: [] });
  });

  test('when nothing was refused, then it passes with no use', () => {
    const passed = exhausted(10_000n * RUPEE).filter((o) => o.passed);
    expect(applyCheckOverrides(passed, [grant()], subject(), now)).toEqual({
      passed: true,
      outcomes: passed,
      uses: [],
    });
  });

  test('property: used order by order, an override never lets through more than its amount, nor anything once expired or revoked', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 8n }), { maxLength: 40 }),
        fc.constantFrom<'live' | 'expired' | 'revoked'>('live', 'expired', 'revoked'),
        (maxPaise, orders, state) => {
          let g = grant({
            maxPaise,
            expiresAt: state === 'expired' ? now : later,
            revokedAt: state === 'revoked' ? now : null,
          });
          let through = 0n;
          for (const faceValuePaise of orders) {
            const r = applyCheckOverrides(exhausted(faceValuePaise), [g], subject({ faceValuePaise }), now);
            const used = r.uses.reduce((s, u) => s + u.paise, 0n);
            expect(r.passed).toBe(used > 0n);
            if (r.passed) expect(used).toBe(faceValuePaise);
            through += used;
            g = { ...g, usedPaise: g.usedPaise + used };
          }
          expect(through).toBeLessThanOrEqual(maxPaise);
          if (state !== 'live') expect(through).toBe(0n);
        },
      ),
    );
  });
});
