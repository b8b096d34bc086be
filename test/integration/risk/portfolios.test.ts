import { AuditEvent, Portfolio, Position } from '../../../db/entities';
import { startTestApi, type TestApi } from '../../support/api-harness';

let api: TestApi;
let trader1: string; // participant 2, SBIN
let trader2: string; // participant 3, HDFCB
let risk: string; // venue staff
let admin: string;
beforeAll(async () => {
  api = await startTestApi();
  trader1 = await api.login('trader1@bondx.local');
  trader2 = await api.login('trader2@bondx.local');
  risk = await api.login('risk@bondx.local');
  admin = await api.login('admin@bondx.local');
  // A bond with a reference price, so market values can be checked (demo bonds carry none).
  const res = await api.call('POST', '/api/v1/bonds', {
    token: admin,
    body: {
      isin: 'IN0020270115',
      code: 'PF_TEST_01',
      name: '7.00% GS 2037',
      issuer: 'Government of India',
      issuer_type: 'CENTRAL_GOVERNMENT',
      bond_type: 'G_SEC',
      coupon_pct: '7.00',
      issue_date: '2027-01-15',
      maturity_date: '2037-01-15',
      coupon_frequency: 2,
      day_count: '30/360',
      face_value: '100',
      lot_size: '10000',
      tick_size: '0.0025',
      outstanding_amount: '100000000000',
      reference_price: '98.5025',
    },
  });
  expect(res.status).toBe(201);
});
afterAll(() => api.stop());

const count = (entity: typeof Portfolio | typeof Position) => api.deps.orm.em.fork().count(entity);
const base = '/api/v1/risk/portfolios';
const list = async (token: string, query = '') =>
  (await (await api.call('GET', `${base}?limit=1000${query}`, { token })).json()).items as {
    portfolio_id: number;
    participant_id: number;
    kind: string;
  }[];

async function createWhatIf(token: string, body: Record<string, unknown>) {
  const res = await api.call('POST', base, { token, body });
  expect(res.status).toBe(201);
  return res.json();
}

describe('risk portfolios', () => {
  test('when trader1 lists portfolios, then its HOUSE portfolio is there and is read-only', async () => {
    const house = (await list(trader1)).filter((p) => p.kind === 'HOUSE');
    expect(house).toEqual([expect.objectContaining({ participant_id: 2, kind: 'HOUSE' })]);
    const id = house[0]!.portfolio_id;
    const details = await (await api.call('GET', `${base}/${id}`, { token: trader1 })).json();
    // Its positions are whatever allotments (auction tests in this run) gave trader1's participant.
    expect(details).toMatchObject({ kind: 'HOUSE', base_currency: 'INR' });

    const put = await api.call('PUT', `${base}/${id}/positions/BOND_001`, {
      token: trader1,
      body: { quantity: '10000' },
    });
    expect(put.status).toBe(409);
    expect(await put.json()).toMatchObject({ type: '/errors/house-portfolio-read-only' });
    const del = await api.call('DELETE', `${base}/${id}/positions/BOND_001`, { token: trader1 });
    expect(del.status).toBe(409);
    const after = await (await api.call('GET', `${base}/${id}`, { token: trader1 })).json();
    expect(after.positions).toEqual(details.positions);
  });

  test('when a what-if portfolio is created with positions, then they come back valued at reference prices', async () => {
    const before = await count(Position);
    const created = await createWhatIf(trader1, {
      name: 'Duration hedge',
      description: 'long the 2033, short the 2037',
      positions: [
        { bond_id: 'BOND_001', quantity: '1000000', average_price: '99.5' },
        { bond_id: 'IN0020270115', quantity: -20000 },
      ],
    });
    expect(created).toMatchObject({
      participant_id: 2,
      name: 'Duration hedge',
      kind: 'WHAT_IF',
      base_currency: 'INR',
      description: 'long the 2033, short the 2037',
      created_by: expect.any(Number),
      positions: [
        {
          bond_id: 'BOND_001',
          isin: 'IN0020230085',
          code: 'BOND_001',
          name: '7.18% GS 2033',
          quantity: '1000000.00',
          average_price: '99.5000',
          market_value: null,
        },
        {
          bond_id: 'PF_TEST_01',
          isin: 'IN0020270115',
          quantity: '-20000.00',
          average_price: null,
          reference_price: '98.5025',
          market_value: '-19700.50',
        },
      ],
    });
    expect(await count(Position)).toBe(before + 2);
    const again = await (await api.call('GET', `${base}/${created.portfolio_id}`, { token: trader1 })).json();
    expect(again).toEqual(created);
    const audit = await api.deps.orm.em
      .fork()
      .find(AuditEvent, { action: 'PORTFOLIO_CREATED', subjectId: String(created.portfolio_id) });
    expect(audit).toHaveLength(1);
  });

  test("when another member asks for trader1's portfolio, then 404 and its list leaves it out; staff see both", async () => {
    const mine = await createWhatIf(trader1, { name: 'Private book' });
    const theirs = await createWhatIf(trader2, { name: 'Private book' });
    expect(theirs.participant_id).toBe(3);

    expect((await api.call('GET', `${base}/${mine.portfolio_id}`, { token: trader2 })).status).toBe(404);
    const put = await api.call('PUT', `${base}/${mine.portfolio_id}/positions/BOND_001`, {
      token: trader2,
      body: { quantity: '10000' },
    });
    expect(put.status).toBe(404);
    const trader2List = await list(trader2);
    expect(trader2List.map((p) => p.portfolio_id)).toContain(theirs.portfolio_id);
    expect(trader2List.every((p) => p.participant_id === 3)).toBe(true);
    expect(await list(trader2, '&participant_id=2')).toEqual([]);

    expect((await api.call('GET', `${base}/${mine.portfolio_id}`, { token: risk })).status).toBe(200);
    expect((await api.call('GET', `${base}/${theirs.portfolio_id}`, { token: risk })).status).toBe(200);
    const all = (await list(risk)).map((p) => p.portfolio_id);
    expect(all).toEqual(expect.arrayContaining([mine.portfolio_id, theirs.portfolio_id]));
    expect([...all].sort((a, b) => b - a)).toEqual(all); // newest first
    const sbin = await list(risk, '&participant_id=2');
    expect(sbin.map((p) => p.portfolio_id)).toContain(mine.portfolio_id);
    expect(sbin.every((p) => p.participant_id === 2)).toBe(true);
  });

  test('when a list is paged, then the cursor walks it without repeats', async () => {
    const first = await (await api.call('GET', `${base}?limit=2`, { token: risk })).json();
    expect(first.items).toHaveLength(2);
    expect(first.next_cursor).toEqual(expect.any(String));
    const second = await (
      await api.call('GET', `${base}?limit=2&cursor=${first.next_cursor}`, { token: risk })
    ).json();
    const ids = [...first.items, ...second.items].map((p: { portfolio_id: number }) => p.portfolio_id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('when a quantity is not a multiple of the lot size, then 422 naming the field and nothing is written', async () => {
    const [portfolios, positions] = [await count(Portfolio), await count(Position)];
    const res = await api.call('POST', base, {
      token: trader1,
      body: {
        name: 'Odd lots',
        positions: [
          { bond_id: 'BOND_001', quantity: '15000' },
          { bond_id: 'BOND_002', quantity: '20000' },
        ],
      },
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = await res.json();
    expect(problem).toMatchObject({ type: '/errors/validation', status: 422 });
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'positions.0.quantity' })]);
    expect([await count(Portfolio), await count(Position)]).toEqual([portfolios, positions]);

    const unknown = await api.call('POST', base, {
      token: trader1,
      body: { name: 'Unknown bond', positions: [{ bond_id: 'NO_SUCH_BOND', quantity: '10000' }] },
    });
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).errors).toEqual([
      expect.objectContaining({ field: 'positions.0.bond_id' }),
    ]);
    expect(await count(Portfolio)).toBe(portfolios);
  });

  test('when a position is set, changed, zeroed and deleted, then each step shows and is audited', async () => {
    const { portfolio_id: id } = await createWhatIf(trader1, { name: 'Scratch' });
    const path = `${base}/${id}/positions/BOND_002`;

    const odd = await api.call('PUT', path, { token: trader1, body: { quantity: '5000' } });
    expect(odd.status).toBe(422);
    expect((await odd.json()).errors).toEqual([expect.objectContaining({ field: 'quantity' })]);

    const set = await api.call('PUT', path, {
      token: trader1,
      body: { quantity: '50000', average_price: '101.25' },
    });
    expect(set.status).toBe(200);
    expect((await set.json()).positions).toEqual([
      expect.objectContaining({
        code: 'BOND_002',
        quantity: '50000.00',
        average_price: '101.2500',
        version: 1,
      }),
    ]);
    const changed = await (
      await api.call('PUT', path, { token: trader1, body: { quantity: '-30000' } })
    ).json();
    expect(changed.positions).toEqual([
      expect.objectContaining({ quantity: '-30000.00', average_price: null, version: 2 }),
    ]);
    const zeroed = await (await api.call('PUT', path, { token: trader1, body: { quantity: '0' } })).json();
    expect(zeroed.positions).toEqual([]);

    await api.call('PUT', path, { token: trader1, body: { quantity: '10000' } });
    expect((await api.call('DELETE', path, { token: trader1 })).status).toBe(204);
    expect((await (await api.call('GET', `${base}/${id}`, { token: trader1 })).json()).positions).toEqual([]);
    expect((await api.call('DELETE', path, { token: trader1 })).status).toBe(404);

    const actions = (
      await api.deps.orm.em
        .fork()
        .find(AuditEvent, { subjectType: 'portfolio', subjectId: String(id) }, { orderBy: { id: 'asc' } })
    ).map((e) => e.action);
    expect(actions).toEqual([
      'PORTFOLIO_CREATED',
      'POSITION_SET',
      'POSITION_SET',
      'POSITION_REMOVED',
      'POSITION_SET',
      'POSITION_REMOVED',
    ]);
  });

  test('when participant_id names another participant, then only RISK_OFFICER or ADMIN staff may do it', async () => {
    const forbidden = await api.call('POST', base, {
      token: trader1,
      body: { name: 'Not mine', participant_id: 3 },
    });
    expect(forbidden.status).toBe(403);
    const byStaff = await createWhatIf(risk, { name: 'Staff scenario for HDFCB', participant_id: 3 });
    expect(byStaff.participant_id).toBe(3);
    expect((await api.call('GET', `${base}/${byStaff.portfolio_id}`, { token: trader2 })).status).toBe(200);
  });

  test('when a name is already used by the participant, then 409', async () => {
    await createWhatIf(trader1, { name: 'Twice' });
    const res = await api.call('POST', base, { token: trader1, body: { name: 'Twice' } });
    expect(res.status).toBe(409);
  });

  test('when a participant is onboarded, then it gets its HOUSE portfolio in the same step', async () => {
    const res = await api.call('POST', '/api/v1/participants', {
      token: admin,
      body: { code: 'PFTESTBANK', name: 'Portfolio Test Bank', kind: 'BANK', domicile: 'DOMESTIC' },
    });
    expect(res.status).toBe(201);
    const { participant_id } = await res.json();
    expect(await list(risk, `&participant_id=${participant_id}`)).toEqual([
      expect.objectContaining({ participant_id, kind: 'HOUSE' }),
    ]);
  });

  test('when no token is given, then 401', async () => {
    expect((await api.call('GET', base)).status).toBe(401);
    expect((await api.call('GET', `${base}/1`)).status).toBe(401);
    expect((await api.call('POST', base, { body: { name: 'x' } })).status).toBe(401);
  });
});
