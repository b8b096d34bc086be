import { startTestApi, type TestApi } from '../../support/api-harness';
import { onboard } from './reporting-fixtures';

let api: TestApi;
let admin: string;
const suffix = String(process.pid % 100_000);
const REGISTRATION = `INJPFP${suffix.padStart(6, '0')}`;

const PROFILE = {
  pan: 'AAACN1234F',
  bank_account: { number: '912345678901', ifsc: 'CITI0100000' },
  contact: { email: 'ops@fund.example', phone: '+4722334455' },
};

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.login('admin@bondx.local');
});
afterAll(() => api.stop());

const putProfile = (participantId: number, body: Record<string, unknown>) =>
  api.call('PUT', `/api/v1/participants/${participantId}/profile`, { token: admin, body });

describe('SEBI FPI registration numbers', () => {
  test('when the demo FPI is read, then it carries its seeded registration', async () => {
    const list = await (await api.call('GET', '/api/v1/participants?limit=1000', { token: admin })).json();
    expect(list.items.find((p: { code: string }) => p.code === 'NORFPI')).toMatchObject({
      kind: 'FPI',
      fpi_registration: 'INNOFP201823',
    });
    expect(list.items.find((p: { code: string }) => p.code === 'SBIN')).toMatchObject({
      fpi_registration: null,
    });
  });

  test('when a registration is malformed or given to a non-FPI, then 422 names fpi_registration and nothing is created', async () => {
    for (const [kind, fpi_registration] of [
      ['FPI', 'INUSFP12345'], // 5 digits
      ['FPI', 'ININFP123456'], // an Indian "FPI"
      ['FPI', 'inusfp123456'],
      ['BANK', 'INUSFP123456'],
    ] as const) {
      const res = await api.call('POST', '/api/v1/participants', {
        token: admin,
        body: { code: `FRBAD${suffix}`, name: 'Refused', kind, domicile: 'FOREIGN', fpi_registration },
      });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect((await res.json()).errors.map((e: { field: string }) => e.field)).toContain('fpi_registration');
    }
    const list = await (await api.call('GET', '/api/v1/participants?limit=1000', { token: admin })).json();
    expect(list.items.some((p: { code: string }) => p.code === `FRBAD${suffix}`)).toBe(false);
  });

  test('when an FPI profile is stored, then the registration is required, validated, returned and unique', async () => {
    const fpi = await onboard(api, admin, `FRFPI${suffix}`, 'FPI');
    const missing = await putProfile(fpi, PROFILE);
    expect(missing.status).toBe(422);
    expect((await missing.json()).errors[0].field).toBe('fpi_registration');

    const stored = await putProfile(fpi, { ...PROFILE, fpi_registration: REGISTRATION });
    expect(stored.status).toBe(200);
    expect(await stored.json()).toMatchObject({ participant_id: fpi, fpi_registration: REGISTRATION });
    const read = await api.call('GET', `/api/v1/participants/${fpi}/profile`, { token: admin });
    expect(await read.json()).toMatchObject({ fpi_registration: REGISTRATION });
    // Omitted on a later change: the stored number stays.
    const again = await putProfile(fpi, {
      ...PROFILE,
      contact: { ...PROFILE.contact, phone: '+4722334466' },
    });
    expect(await again.json()).toMatchObject({ fpi_registration: REGISTRATION });
    const participant = await api.call('GET', `/api/v1/participants/${fpi}`, { token: admin });
    expect(await participant.json()).toMatchObject({ fpi_registration: REGISTRATION });

    // Another FPI may not claim the same number.
    const other = await onboard(api, admin, `FRFPJ${suffix}`, 'FPI');
    const taken = await putProfile(other, { ...PROFILE, fpi_registration: REGISTRATION });
    expect(taken.status).toBe(409);

    const bank = await onboard(api, admin, `FRBNK${suffix}`, 'BANK');
    const notFpi = await putProfile(bank, { ...PROFILE, fpi_registration: 'INUSFP000001' });
    expect(notFpi.status).toBe(422);
    expect((await notFpi.json()).errors[0].field).toBe('fpi_registration');
    expect((await putProfile(bank, PROFILE)).status).toBe(200);
  });
});
