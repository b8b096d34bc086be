import { checkLimits, InvalidRiskInputError, type RiskLimit } from '../../../domain/risk';

describe('limits check', () => {
  const varLimit: RiskLimit = { limitType: 'VAR', threshold: 100 };

  it.each([
    [80, undefined],
    [90, 'WARNING'],
    [100, 'WARNING'],
    [110, 'BREACH'],
    [125, 'CRITICAL'],
  ])('when VaR is %p against a limit of 100, then the severity is %p', (value, severity) => {
    const breaches = checkLimits({ var: value }, [varLimit]);
    expect(breaches.map((b) => b.severity)[0]).toBe(severity);
  });

  it('when a breach is reported, then it carries the limit, value, threshold and utilisation', () => {
    expect(checkLimits({ dv01: -12_000 }, [{ limitType: 'DV01', threshold: 10_000 }])).toEqual([
      {
        limit: { limitType: 'DV01', threshold: 10_000 },
        value: -12_000,
        threshold: 10_000,
        utilization: 1.2,
        severity: 'BREACH',
      },
    ]);
  });

  it('when per-name limits are checked, then each issuer or position is a subject and scope narrows it', () => {
    const metrics = {
      issuerConcentrationPct: { GOI: 60, ACME: 26, BETA: 14 },
      positionSizes: { p1: 5e7, p2: 1e6 },
      es: 10,
      duration: 7.5,
    };
    const breaches = checkLimits(metrics, [
      { limitType: 'ISSUER_CONCENTRATION_PCT', threshold: 25 },
      { limitType: 'ISSUER_CONCENTRATION_PCT', threshold: 50, scope: 'GOI', criticalRatio: 1.5 },
      { limitType: 'POSITION_SIZE', threshold: 2.5e7 },
      { limitType: 'ES', threshold: 100 },
      { limitType: 'DURATION', threshold: 8, warningRatio: 0.9 },
      { limitType: 'VAR', threshold: 1 },
    ]);
    expect(breaches.map((b) => [b.limit.limitType, b.subject, b.severity])).toEqual([
      ['ISSUER_CONCENTRATION_PCT', 'GOI', 'CRITICAL'],
      ['ISSUER_CONCENTRATION_PCT', 'ACME', 'BREACH'],
      ['ISSUER_CONCENTRATION_PCT', 'GOI', 'BREACH'],
      ['POSITION_SIZE', 'p1', 'CRITICAL'],
      ['DURATION', undefined, 'WARNING'],
    ]);
  });

  it('when a threshold is not positive or the ratios are inverted, then the limit is rejected', () => {
    expect(() => checkLimits({ var: 1 }, [{ limitType: 'VAR', threshold: 0 }])).toThrow(
      InvalidRiskInputError,
    );
    expect(() => checkLimits({ var: 1 }, [{ limitType: 'VAR', threshold: 1, criticalRatio: 0.5 }])).toThrow(
      InvalidRiskInputError,
    );
  });
});
