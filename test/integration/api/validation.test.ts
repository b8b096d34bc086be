import { Bond, Participant } from '../../../db/entities';
import { startTestApi, type TestApi } from '../../support/api-harness';

let api: TestApi;
let admin: string;
beforeAll(async () => {
  api = await startTestApi();
  admin = await api.login('admin@bondx.local');
});
afterAll(() => api.stop());

const count = (entity: typeof Bond | typeof Participant) => api.deps.orm.em.fork().count(entity);

const validBond = {
  isin: 'IN0020260108',
  code: 'GS2036_NEW',
  name: '6.90% GS 2036',
  issuer: 'Government of India',
  issuer_type: 'CENTRAL_GOVERNMENT',
  bond_type: 'G_SEC',
  coupon_pct: '6.90',
  issue_date: '2026-06-01',
  maturity_date: '2036-06-01',
  coupon_frequency: 2,
  day_count: '30/360',
  face_value: '100',
  lot_size: '10000',
  tick_size: '0.0025',
  outstanding_amount: '500000000000',
  reference_yield_pct: '6.5',
};

describe('input validation', () => {
  test('when the body is not JSON, then 400 malformed-json and nothing is written', async () => {
    const before = await count(Bond);
    const res = await api.call('POST', '/api/v1/bonds', { token: admin, raw: '{"isin": ' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await res.json()).toMatchObject({ type: '/errors/malformed-json', status: 400 });
    expect(await count(Bond)).toBe(before);
  });

  test('when the ISIN check digit is wrong, then 422 naming the field and nothing is written', async () => {
    const before = await count(Bond);
    const res = await api.call('POST', '/api/v1/bonds', {
      token: admin,
      body: { ...validBond, isin: 'IN0020260109' },
    });
    expect(res.status).toBe(422);
    const problem = await res.json();
    expect(problem).toMatchObject({ type: '/errors/validation', status: 422 });
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'isin' })]);
    expect(await count(Bond)).toBe(before);
  });

  test('when a required field is missing, then its error says so in plain words', async () => {
    const { name: _omitted, ...withoutName } = validBond;
    const res = await api.call('POST', '/api/v1/bonds', { token: admin, body: withoutName });
    expect(res.status).toBe(422);
    expect((await res.json()).errors).toEqual([{ field: 'name', message: 'is required' }]);
  });

  test('when the fields disagree (lot not a multiple of face, maturity before issue), then 422 naming each', async () => {
    const res = await api.call('POST', '/api/v1/bonds', {
      token: admin,
      body: { ...validBond, lot_size: '150', maturity_date: '2020-01-01' },
    });
    expect(res.status).toBe(422);
    const fields = (await res.json()).errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['lot_size', 'maturity_date']);
  });

  test('when a price carries a float artefact, then it is refused rather than rounded', async () => {
    const res = await api.call('POST', '/api/v1/bonds', {
      token: admin,
      body: { ...validBond, tick_size: 0.1 + 0.2 },
    });
    expect(res.status).toBe(422);
    expect((await res.json()).errors[0].field).toBe('tick_size');
  });

  test('when the bond is valid, then 201 with exact decimals, and a second listing of the ISIN is 409', async () => {
    const res = await api.call('POST', '/api/v1/bonds', { token: admin, body: validBond });
    expect(res.status).toBe(201);
    const bond = await res.json();
    expect(bond).toMatchObject({
      isin: 'IN0020260108',
      coupon_pct: '6.9000',
      tick_size: '0.0025',
      lot_size: '10000.00',
    });
    const dup = await api.call('POST', '/api/v1/bonds', {
      token: admin,
      body: { ...validBond, code: 'OTHER_CODE' },
    });
    expect(dup.status).toBe(409);
  });

  test('when a participant LEI fails its check digits, then 422 on lei and nothing is written', async () => {
    const before = await count(Participant);
    const res = await api.call('POST', '/api/v1/participants', {
      token: admin,
      body: {
        code: 'NEWBANK',
        name: 'New Bank',
        kind: 'BANK',
        domicile: 'DOMESTIC',
        lei: '549300SBINDEMO000174',
      },
    });
    expect(res.status).toBe(422);
    expect((await res.json()).errors[0].field).toBe('lei');
    expect(await count(Participant)).toBe(before);
  });

  test('when a member user is given a venue-staff role, then 422 on roles', async () => {
    const res = await api.call('POST', '/api/v1/users', {
      token: admin,
      body: {
        username: 'sneaky@bondx.local',
        display_name: 'S',
        password: 'sneaky-pass-12',
        participant_id: 2,
        roles: ['ADMIN'],
      },
    });
    expect(res.status).toBe(422);
    expect((await res.json()).errors[0].field).toBe('roles');
  });

  test('when a query parameter is out of range, then 422 naming it', async () => {
    const res = await api.call('GET', '/api/v1/bonds?limit=5000', { token: admin });
    expect(res.status).toBe(422);
    expect((await res.json()).errors[0].field).toBe('query.limit');
  });

  test('when no route matches, then a problem+json 404', async () => {
    const res = await api.call('GET', '/api/v1/nothing-here', { token: admin });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });
});
