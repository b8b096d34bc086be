import { removeTodaysFpiLimits } from '../../support/fpi-limits';
import { REPORT_BUILDERS } from '../../../activities/compliance/report-builds';
import { ComplianceException, RegulatoryCheckRecord } from '../../../db/entities';
import { istDate } from '../../../domain/compliance/reports/report-values';
import { startTestApi, type TestApi } from '../../support/api-harness';
import { auditTrail } from '../../support/audit-trail';
import { createMember, FIXTURE_PASSWORD } from '../../support/member-fixtures';
import { createTestBond } from '../../support/post-trade';
import { onboard, setHousePosition, until } from './reporting-fixtures';

let api: TestApi;
let admin: string;
let officer: string;
const suffix = String(process.pid % 100_000).padStart(5, '0');
let member: { participantId: number; token: string };
let bond: { id: number; isin: string; code: string };
let sdl: { id: number; isin: string; code: string };

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.login('admin@bondx.local');
  officer = await api.login('compliance@bondx.local');
  member = await createMember(api, admin, `PLM${suffix}`, ['TRADER']);
  bond = await createTestBond(api, admin, { code: `PLB${suffix}`, isinStem: `IN00PLB${suffix.slice(1)}` });
  sdl = await createTestBond(api, admin, { code: `PLS${suffix}`, isinStem: `IN00PLS${suffix.slice(1)}` });
  await api.deps.pg.query(
    `update bonds set bond_type = 'SDL', issuer_type = 'STATE_GOVERNMENT' where id = $1`,
    [sdl.id],
  );
  // A band around 100 for the price-band refusal; the member holds Rs 50,000 of the bond.
  await api.deps.pg.query('update bonds set reference_price = 100 where id = $1', [bond.id]);
  await setHousePosition(api.deps.orm, member.participantId, bond.code, '50000.00');
});
afterAll(async () => {
  await removeTodaysFpiLimits(api.deps.pg);
  await api.stop();
});

const putLimit = (body: Record<string, unknown>, token = officer) =>
  api.call('PUT', '/api/v1/compliance/position-limits', { token, body });

const order = (token: string, bondCode: string, side: 'BUY' | 'SELL', quantity: string, price = '100.00') =>
  api.call('POST', '/api/v1/trading/orders', {
    token,
    body: { bond_id: bondCode, order_type: 'LIMIT', side, quantity, price, time_in_force: 'DAY' },
  });

describe('configured position limits', () => {
  test('when an officer sets a limit on a bond, then an order beyond it is refused naming quantity, recorded, and the report lists it', async () => {
    // A participant-wide limit that the bond's own limit overrides.
    expect(
      (await putLimit({ participant_id: member.participantId, max_long_quantity: '10000' })).status,
    ).toBe(200);
    const set = await putLimit({
      participant_id: member.participantId,
      bond_id: bond.code,
      max_long_quantity: '100000',
      max_short_quantity: null,
    });
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({
      participant_id: member.participantId,
      bond_id: bond.isin,
      bond_type: null,
      max_long_quantity: '100000.00',
      max_short_quantity: null,
    });

    const over = await order(member.token, bond.code, 'BUY', '60000');
    expect(over.status).toBe(422);
    const problem = await over.json();
    expect(problem).toMatchObject({
      reason: 'POSITION_LIMIT_EXCEEDED',
      type: '/errors/regulatory/position-limit-exceeded',
    });
    expect(problem.errors[0]).toMatchObject({ field: 'quantity' });
    const [check] = await api.deps.orm.em
      .fork()
      .find(
        RegulatoryCheckRecord,
        { participantId: member.participantId, bondId: bond.id },
        { orderBy: { id: 'desc' }, limit: 1 },
      );
    expect(check).toMatchObject({
      passed: false,
      reasons: 'POSITION_LIMIT_EXCEEDED',
      faceValuePaise: '6000000',
    });

    // To the limit exactly passes (the bond's limit, not the participant-wide Rs 10,000).
    expect((await order(member.token, bond.code, 'BUY', '50000')).status).toBe(201);

    const listed = await (
      await api.call('GET', `/api/v1/compliance/position-limits?participant_id=${member.participantId}`, {
        token: officer,
      })
    ).json();
    expect(listed.items.map((l: Record<string, unknown>) => [l.bond_id, l.max_long_quantity])).toEqual([
      [bond.isin, '100000.00'],
      [null, '10000.00'],
    ]);
    const firstPage = await (
      await api.call(
        'GET',
        `/api/v1/compliance/position-limits?participant_id=${member.participantId}&limit=1`,
        {
          token: officer,
        },
      )
    ).json();
    expect(firstPage.items).toHaveLength(1);
    const secondPage = await (
      await api.call(
        'GET',
        `/api/v1/compliance/position-limits?participant_id=${member.participantId}&limit=1&cursor=${firstPage.next_cursor}`,
        { token: officer },
      )
    ).json();
    expect(secondPage).toMatchObject({ items: [{ bond_id: null }], next_cursor: null });

    const [audit] = await auditTrail(api.deps.orm, {
      action: 'POSITION_LIMIT_SET',
      subjectId: String(listed.items[0].id),
    });
    expect(audit!.details).toMatchObject({
      scope: `BOND:${bond.id}`,
      before: null,
      after: { max_long_paise: '10000000', max_short_paise: null },
    });

    const period = istDate(new Date());
    const built = await REPORT_BUILDERS.POSITION_LIMITS({
      em: api.deps.orm.em.fork(),
      config: api.deps.config,
      period,
      version: 1,
      parameters: {},
      progress: async () => undefined,
    });
    const report = JSON.parse(built.files.find((f) => f.format === 'json')!.body);
    expect(report.rows).toContainEqual(
      expect.objectContaining({
        participant_code: `PLM${suffix}`,
        isin: bond.isin,
        net_position_paise: '5000000',
        long_limit_paise: '10000000',
        utilisation_bps: '5000',
        status: 'WITHIN',
      }),
    );
  });

  test('when a bond type has a short limit, then it applies to that type over the participant-wide limit', async () => {
    // The member holds none of the SDL; the participant-wide row (long only) is less specific.
    expect(
      (
        await putLimit({
          participant_id: member.participantId,
          bond_type: 'SDL',
          max_short_quantity: '10000',
        })
      ).status,
    ).toBe(200);
    const over = await order(member.token, sdl.code, 'SELL', '20000');
    expect(over.status).toBe(422);
    expect(await over.json()).toMatchObject({
      reason: 'POSITION_LIMIT_EXCEEDED',
      errors: [{ field: 'quantity' }],
    });
    expect((await order(member.token, sdl.code, 'SELL', '10000')).status).toBe(201);
  });

  test('when a limit request is malformed or from a trader, then it is refused naming the field', async () => {
    const both = await putLimit({
      participant_id: member.participantId,
      bond_id: bond.code,
      bond_type: 'G_SEC',
      max_long_quantity: '1',
      max_short_quantity: null,
    });
    expect(both.status).toBe(422);
    expect((await both.json()).errors[0].field).toBe('bond_type');
    const amount = await putLimit({
      participant_id: member.participantId,
      max_long_quantity: '1.234',
      max_short_quantity: null,
    });
    expect(amount.status).toBe(422);
    expect((await amount.json()).errors[0].field).toBe('max_long_quantity');
    const noBond = await putLimit({
      participant_id: member.participantId,
      bond_id: 'NOSUCHBOND',
      max_long_quantity: null,
      max_short_quantity: '1',
    });
    expect(noBond.status).toBe(422);
    expect((await noBond.json()).errors[0].field).toBe('bond_id');
    expect(
      (
        await putLimit(
          { participant_id: member.participantId, max_long_quantity: null, max_short_quantity: null },
          member.token,
        )
      ).status,
    ).toBe(403);
  });
});

describe('exceptions from refusals', () => {
  test('when an order is refused outside the price band, then one PRICE_OUTSIDE_BAND exception opens for the day', async () => {
    for (const price of ['120.00', '80.00']) {
      const res = await order(member.token, bond.code, 'SELL', '10000', price);
      expect(res.status).toBe(422);
      expect((await res.json()).reason).toBe('PRICE_BAND');
    }
    const dedupKey = `price-band:${member.participantId}:${bond.id}:${istDate(new Date())}`;
    const found = await until(
      () => api.deps.orm.em.fork().find(ComplianceException, { dedupKey }),
      (rows) => rows.length > 0,
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'PRICE_OUTSIDE_BAND', status: 'OPEN' });
    expect(found[0]!.evidence).toMatchObject({ bond_code: bond.code, price: '120.00', fields: ['price'] });
  });

  test('when an FPI buy is refused by the national limit, then one FPI_LIMIT exception opens per FPI, category and day', async () => {
    const today = istDate(new Date());
    // The same over-used SDL figures as the regulatory gate suite loads for today.
    const up = await api.call('POST', '/api/v1/compliance/fpi-limits', {
      token: admin,
      raw: `as_of,category,limit_crore,utilised_crore\n${today},SDL,100,101\n`,
      headers: { 'content-type': 'text/csv' },
    });
    expect(up.status).toBe(200);
    const fpiId = await onboard(api, admin, `PLF${suffix}`, 'FPI');
    const username = `plf${suffix}@test.bondx.local`;
    const user = await api.call('POST', '/api/v1/users', {
      token: admin,
      body: {
        username,
        display_name: 'PL FPI',
        password: FIXTURE_PASSWORD,
        participant_id: fpiId,
        roles: ['TRADER'],
      },
    });
    expect(user.status).toBe(201);
    const fpi = await api.login(username, FIXTURE_PASSWORD);
    for (let i = 0; i < 2; i++) {
      const res = await order(fpi, sdl.code, 'BUY', '10000');
      expect(res.status).toBe(422);
      expect((await res.json()).reason).toBe('FPI_LIMIT_EXHAUSTED');
    }
    const dedupKey = `fpi-limit:${fpiId}:SDL:${today}`;
    const found = await until(
      () => api.deps.orm.em.fork().find(ComplianceException, { dedupKey }),
      (rows) => rows.length > 0,
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'FPI_LIMIT', status: 'OPEN' });
    expect(found[0]!.evidence).toMatchObject({
      participant_id: fpiId,
      bond_id: sdl.id,
      fpi_category: 'SDL',
      reason: 'FPI_LIMIT_EXHAUSTED',
      face_value_paise: '1000000',
    });
  });
});
