import { bondTermViolations, type BondTerms } from '../../../domain/reference-data/bond-terms';
import { hasAnyRole, rolesAllowedFor } from '../../../domain/access/roles';

const gsec: BondTerms = {
  bondType: 'G_SEC',
  issuerType: 'CENTRAL_GOVERNMENT',
  couponPct: '7.18',
  couponFrequency: 2,
  issueDate: '2023-08-14',
  maturityDate: '2033-08-14',
  faceValue: '100',
  lotSize: '10000',
  tickSize: '0.0025',
};

describe('bond terms', () => {
  test('when a G-sec is well formed, then there is no violation', () => {
    expect(bondTermViolations(gsec)).toEqual([]);
  });

  test('when a T-bill pays a coupon, then coupon_frequency is named', () => {
    const v = bondTermViolations({ ...gsec, bondType: 'T_BILL', couponFrequency: 2 });
    expect(v.map((x) => x.field)).toContain('coupon_frequency');
  });

  test('when a G-sec is issued by a company, then issuer_type is named', () => {
    expect(bondTermViolations({ ...gsec, issuerType: 'CORPORATE' }).map((x) => x.field)).toEqual([
      'issuer_type',
    ]);
  });

  test('when the lot is not a whole number of bonds, then lot_size is named', () => {
    expect(
      bondTermViolations({ ...gsec, faceValue: '100000', lotSize: '150000' }).map((x) => x.field),
    ).toEqual(['lot_size']);
  });

  test('when maturity is not after issue, then maturity_date is named', () => {
    expect(bondTermViolations({ ...gsec, maturityDate: gsec.issueDate }).map((x) => x.field)).toEqual([
      'maturity_date',
    ]);
  });

  test('when a zero-coupon bond has a frequency, or a coupon bond none, then each is named', () => {
    expect(bondTermViolations({ ...gsec, couponPct: '0' }).map((x) => x.field)).toEqual(['coupon_frequency']);
    expect(bondTermViolations({ ...gsec, couponFrequency: 0 }).map((x) => x.field)).toEqual(['coupon_pct']);
  });
});

describe('roles', () => {
  test('when a member participant gets users, then only member roles fit; the operator gets only staff roles', () => {
    expect(rolesAllowedFor(false)).toEqual(['TRADER', 'MARKET_MAKER']);
    expect(rolesAllowedFor(true)).not.toContain('TRADER');
    expect(hasAnyRole(['TRADER'], ['ADMIN', 'OPERATIONS'])).toBe(false);
    expect(hasAnyRole(['OPERATIONS'], ['ADMIN', 'OPERATIONS'])).toBe(true);
  });
});
