import { isinCheckDigit } from '../../domain/reference-data/isin';
import { onboardMember } from '../../infra/onboarding/onboard-member';
import type { TestApi } from './api-harness';

export const FIXTURE_PASSWORD = 'fixture-password-1';

/**
 * A member participant with one user of the given roles, logged in: tests that must own their flow.
 * Idempotent (infra/onboarding/onboard-member.ts): a code onboarded before is reused.
 */
export async function createMember(
  api: TestApi,
  admin: string,
  code: string,
  roles: string[],
): Promise<{ participantId: number; username: string; token: string }> {
  return onboardMember(api, admin, { code, roles, password: FIXTURE_PASSWORD });
}

/** A fresh tradable corporate bond of its own curve family (by rating), 10,000 lots, tick 0.0025; `isinBody` is 8 characters. */
export async function createCorporateBond(
  api: TestApi,
  admin: string,
  code: string,
  isinBody: string,
  fields: { rating: string; coupon_pct: string; maturity_date: string; reference_yield_pct?: string },
): Promise<void> {
  const first11 = `INE${isinBody}`;
  const res = await api.call('POST', '/api/v1/bonds', {
    token: admin,
    body: {
      isin: `${first11}${isinCheckDigit(first11)}`,
      code,
      name: `${fields.coupon_pct}% ${code}`,
      issuer: `${code} Issuer Ltd`,
      issuer_type: 'CORPORATE',
      bond_type: 'CORPORATE',
      issue_date: '2025-01-15',
      coupon_frequency: 2,
      day_count: '30/360',
      face_value: '100',
      lot_size: '10000',
      tick_size: '0.0025',
      outstanding_amount: '10000000000',
      ...fields,
    },
  });
  if (res.status !== 201) throw new Error(`bond ${code}: ${res.status} ${await res.text()}`);
}

export async function until<T>(
  what: string,
  read: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
