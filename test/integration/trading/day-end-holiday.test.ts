import { isinCheckDigit } from '../../../domain/reference-data/isin';
import { startTestApi, type TestApi } from '../../support/api-harness';
import { createCorporateBond, createMember, until } from '../../support/member-fixtures';
import { startTestWorker, type TestWorker } from '../../support/worker-process';

// A holiday is no trading day: when the day end passes on a holiday of a bond's settlement system,
// its DAY orders live on to the next business day's end, while the same end closes the day of a
// bond whose system trades that day. The end is set a few seconds ahead on every weekday, and the
// test makes that date a CLEARING_CORPORATION holiday and not an RBI_SGL one, restoring both lists
// afterwards (the calendars are shared by the whole suite).
const CORPORATE = 'DAYHOL01';
const GSEC = 'DAYHOL02';
const ORDERS = '/api/v1/trading/orders';
type Holiday = { date: string; name: string };
type System = 'CLEARING_CORPORATION' | 'RBI_SGL';

let api: TestApi;
let admin: string;
let worker: TestWorker | undefined;
let trader: string;
let dayEnd: number;
let holiday: string;
const original = new Map<System, Holiday[]>();

const holidayPath = (system: System) => `/api/v1/calendars/${system}/holidays`;

async function loadYear(system: System, items: Holiday[]): Promise<void> {
  const res = await api.call('POST', holidayPath(system), {
    token: admin,
    raw: `date,name\n${items.map((h) => `${h.date},"${h.name}"`).join('\n')}\n`,
    headers: { 'content-type': 'text/csv' },
  });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.login('admin@bondx.local');
  await createCorporateBond(api, admin, CORPORATE, 'DAYH0001', {
    rating: 'AA',
    coupon_pct: '7.50',
    maturity_date: '2034-03-31',
  });
  const first11 = 'IN0020340' + '77';
  const gsec = await api.call('POST', '/api/v1/bonds', {
    token: admin,
    body: {
      isin: `${first11}${isinCheckDigit(first11)}`,
      code: GSEC,
      name: '7.10% GS 2034',
      issuer: 'Government of India',
      issuer_type: 'CENTRAL_GOVERNMENT',
      bond_type: 'G_SEC',
      coupon_pct: '7.10',
      issue_date: '2024-04-15',
      maturity_date: '2034-04-15',
      coupon_frequency: 2,
      day_count: '30/360',
      face_value: '100',
      lot_size: '10000',
      tick_size: '0.0025',
      outstanding_amount: '100000000000',
      reference_price: '99.0000',
    },
  });
  expect(gsec.status).toBe(201);
  trader = (await createMember(api, admin, 'DAYHOLTR', ['TRADER'])).token;
  // Whole seconds, as the setting is written: HH:MM:SS in IST (UTC+05:30).
  dayEnd = Math.ceil((Date.now() + 20_000) / 1000) * 1000;
  const local = new Date(dayEnd + 330 * 60_000).toISOString();
  holiday = local.slice(0, 10);
  worker = startTestWorker('matching-worker', {
    BONDX_TRADING_DAY_END: local.slice(11, 19),
    BONDX_TRADING_WEEKDAYS: 'SUN,MON,TUE,WED,THU,FRI,SAT',
  });
  await worker.started;
  // Loaded while the worker runs: it must read the holidays again before journaling the end.
  for (const system of ['CLEARING_CORPORATION', 'RBI_SGL'] as const) {
    const res = await api.call('GET', `${holidayPath(system)}?year=${holiday.slice(0, 4)}`, { token: admin });
    original.set(system, (await res.json()).items);
  }
  const others = (s: System) => original.get(s)!.filter((h) => h.date !== holiday);
  await loadYear('CLEARING_CORPORATION', [
    ...others('CLEARING_CORPORATION'),
    { date: holiday, name: 'Day-end test closure' },
  ]);
  await loadYear('RBI_SGL', others('RBI_SGL'));
});

afterAll(async () => {
  await worker?.stop();
  for (const [system, items] of original) {
    if (items.length) await loadYear(system, items);
    else
      await api.deps.pg.query(
        `delete from holidays where settlement_system = $1 and extract(year from date) = $2`,
        [system, Number(holiday.slice(0, 4))],
      );
  }
  await api.stop();
});

async function place(bond: string, tif: string, clientOrderId: string, expireTime?: string): Promise<string> {
  const res = await api.call('POST', ORDERS, {
    token: trader,
    body: {
      bond_id: bond,
      side: 'BUY',
      order_type: 'LIMIT',
      time_in_force: tif,
      quantity: '10000',
      price: '99.0000',
      client_order_id: clientOrderId,
      ...(expireTime ? { expire_time: expireTime } : {}),
    },
  });
  expect(res.status).toBe(201);
  return (await res.json()).order_id;
}

const status = async (id: string) =>
  (await (await api.call('GET', `${ORDERS}/${id}`, { token: trader })).json()).status as string;

const timePayloads = async (bond: string) =>
  (
    await api.deps.pg.query(
      `select payload from order_commands
        where kind = 'TIME' and bond_id = (select id from bonds where code = $1) order by id`,
      [bond],
    )
  ).rows.map((r) => r.payload);

describe('end of the trading day on a holiday', () => {
  test("when the day end passes on a holiday of a bond's settlement system, then its DAY order rests and its GTD order expires at its time, while a bond of a system open that day ends its day", async () => {
    const held = await place(CORPORATE, 'DAY', 'dayhol-day-corp');
    const gtd = await place(CORPORATE, 'GTD', 'dayhol-gtd-corp', new Date(dayEnd + 2000).toISOString());
    const ended = await place(GSEC, 'DAY', 'dayhol-day-gsec');
    await until(
      'all resting',
      () => Promise.all([status(held), status(gtd), status(ended)]),
      (s) => s.every((x) => x === 'NEW'),
    );
    expect(Date.now()).toBeLessThan(dayEnd);

    await until(
      'the G-sec DAY order expired',
      () => status(ended),
      (s) => s === 'EXPIRED',
    );
    expect(Date.now()).toBeGreaterThanOrEqual(dayEnd);
    await until(
      'the GTD order expired on the holiday',
      () => status(gtd),
      (s) => s === 'EXPIRED',
    );
    expect(await status(held)).toBe('NEW');
    expect(await timePayloads(GSEC)).toEqual([{ dayEnd }]);
    // The GTD expiry is the corporate bond's only TIME command: no day end was journaled for it.
    expect(await timePayloads(CORPORATE)).toEqual([{}]);
  });
});
