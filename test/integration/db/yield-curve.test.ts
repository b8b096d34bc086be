import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import pino from 'pino';
import { parseCurveCsv, type CurveHistory } from '../../../domain/market-data';
import { loadCurve, type CurveDefinition } from '../../../db/market-data/load-curve';
import { ormConfig } from '../../../db/orm-config';
import { seedYieldCurves, UST_PAR_CURVE } from '../../../db/seed/seed-yield-curves';

// The database global setup migrated and seeded (dist/db/cli/migrate.js, seed.js), as the app role.
const appUrl = process.env.BONDX_DATABASE_URL!;
const CSV = readFileSync(
  join(__dirname, '..', '..', '..', 'data', 'yield-curve', 'us_treasury_par_yield_curve.csv'),
  'utf8',
);
const silent = pino({ level: 'silent' });
const TEST_CODE = `TEST_${process.pid}`;
const testCurve = (code: string): CurveDefinition => ({
  code,
  name: 'test curve',
  currency: 'INR',
  source: 'yield-curve.test.ts',
  isStandIn: false,
});

let db: Client;
let orm: MikroORM;

beforeAll(async () => {
  db = new Client({ connectionString: appUrl });
  await db.connect();
  orm = await MikroORM.init(ormConfig({ clientUrl: appUrl, poolMax: 2 }));
});

afterAll(async () => {
  await db.query('delete from yield_curves where code like $1', [`${TEST_CODE}%`]);
  await db.end();
  await orm.close(true);
});

/** Every point of a curve with its row version (xmin), so a rewrite of an equal value shows too. */
async function pointsDigest(code: string): Promise<{ n: number; digest: string }> {
  const { rows } = await db.query(
    `select count(*)::int as n,
            md5(coalesce(string_agg(concat_ws(',', p.id, p.observation_date, p.tenor_months, p.yield_pct, p.xmin),
                                    ';' order by p.id), '')) as digest
     from yield_curve_points p join yield_curves c on c.id = p.curve_id where c.code = $1`,
    [code],
  );
  return rows[0];
}

async function pointsOf(code: string): Promise<string[]> {
  const { rows } = await db.query(
    `select to_char(p.observation_date, 'YYYY-MM-DD') || ' ' || p.tenor_months || ' ' || p.yield_pct as row
     from yield_curve_points p join yield_curves c on c.id = p.curve_id where c.code = $1
     order by p.observation_date, p.tenor_months`,
    [code],
  );
  return rows.map((r) => r.row);
}

describe('yield curve storage', () => {
  test('when the database is set up, then UST_PAR holds one row per non-empty cell of the shipped CSV', async () => {
    // Counted here by plain splitting, independently of the parser under test.
    const [, ...lines] = CSV.trimEnd().split('\n');
    const cells = lines.flatMap((line) => line.split(',').slice(1)).filter((cell) => cell !== '');
    expect(lines).toHaveLength(8887);
    expect(cells).toHaveLength(92_922);

    const { rows } = await db.query(
      'select code, currency, is_stand_in, name from yield_curves where code = $1',
      ['UST_PAR'],
    );
    expect(rows).toEqual([{ code: 'UST_PAR', currency: 'USD', is_stand_in: true, name: UST_PAR_CURVE.name }]);
    expect((await pointsDigest('UST_PAR')).n).toBe(cells.length);
  });

  test('when 1990-01-02 is read, then 10Y is 7.94 and the unpublished 1M and 20Y have no row', async () => {
    const { rows } = await db.query(
      `select p.tenor_months, p.yield_pct from yield_curve_points p join yield_curves c on c.id = p.curve_id
       where c.code = 'UST_PAR' and p.observation_date = '1990-01-02' order by p.tenor_months`,
    );
    expect(rows.map((r) => r.tenor_months)).toEqual([3, 6, 12, 24, 36, 60, 84, 120, 360]);
    expect(rows.find((r) => r.tenor_months === 120)?.yield_pct).toBe('7.9400');
    expect(rows.find((r) => r.tenor_months === 1)).toBeUndefined();
    expect(rows.find((r) => r.tenor_months === 240)).toBeUndefined();
  });

  test('when the shipped curve is seeded or loaded a second time, then nothing changes', async () => {
    const before = await pointsDigest('UST_PAR');
    await expect(seedYieldCurves(orm.em.fork(), silent)).resolves.toBeUndefined();
    const result = await loadCurve(orm.em.fork(), UST_PAR_CURVE, parseCurveCsv(CSV), silent);
    expect(result).toMatchObject({ dates: 8887, points: 92_922, written: 0, deleted: 0 });
    expect(await pointsDigest('UST_PAR')).toEqual(before);
  });

  test('when a full curve is loaded into an empty one, then every point is written', async () => {
    const history = parseCurveCsv(CSV);
    const result = await loadCurve(orm.em.fork(), testCurve(`${TEST_CODE}_FULL`), history, silent);
    expect(result).toMatchObject({ points: 92_922, written: 92_922, deleted: 0 });
    expect((await pointsDigest(`${TEST_CODE}_FULL`)).n).toBe(92_922);
  });

  test('when a changed history is loaded over a curve, then the curve is replaced by it exactly', async () => {
    const first: CurveHistory = parseCurveCsv(
      'date,3M,1Y,10Y\n2020-01-01,1.5,2,3\n2020-01-02,1.55,,3.05\n2020-01-03,1.6,2.1,3.1\n',
    );
    const second: CurveHistory = parseCurveCsv(
      'date,3M,1Y,10Y\n2020-01-01,1.5,2,3\n2020-01-02,1.55,2.05,\n2020-01-03,1.6,2.1234,3.1\n2020-01-06,,,3.2\n',
    );
    const em = () => orm.em.fork();
    const one = await loadCurve(em(), testCurve(TEST_CODE), first, silent, 2);
    expect(one).toMatchObject({ points: 8, written: 8, deleted: 0 });
    const untouched = await db.query(
      `select p.xmin::text from yield_curve_points p join yield_curves c on c.id = p.curve_id
       where c.code = $1 and p.observation_date = '2020-01-01' and p.tenor_months = 3`,
      [TEST_CODE],
    );

    // 1Y added on 01-02, 10Y removed on 01-02, 1Y changed on 01-03, 10Y added on 01-06.
    const two = await loadCurve(em(), testCurve(TEST_CODE), second, silent, 2);
    expect(two).toMatchObject({ points: 9, written: 3, deleted: 1 });
    expect(await pointsOf(TEST_CODE)).toEqual([
      '2020-01-01 3 1.5000',
      '2020-01-01 12 2.0000',
      '2020-01-01 120 3.0000',
      '2020-01-02 3 1.5500',
      '2020-01-02 12 2.0500',
      '2020-01-03 3 1.6000',
      '2020-01-03 12 2.1234',
      '2020-01-03 120 3.1000',
      '2020-01-06 120 3.2000',
    ]);
    const after = await db.query(
      `select p.xmin::text from yield_curve_points p join yield_curves c on c.id = p.curve_id
       where c.code = $1 and p.observation_date = '2020-01-01' and p.tenor_months = 3`,
      [TEST_CODE],
    );
    expect(after.rows).toEqual(untouched.rows);

    const again = await loadCurve(em(), testCurve(TEST_CODE), second, silent, 2);
    expect(again).toMatchObject({ points: 9, written: 0, deleted: 0 });
  });

  test('when the app role writes a duplicate point directly, then the unique key refuses it', async () => {
    await expect(
      db.query(
        `insert into yield_curve_points (curve_id, observation_date, tenor_months, yield_pct)
         select id, '1990-01-02', 120, 1 from yield_curves where code = 'UST_PAR'`,
      ),
    ).rejects.toThrow(/yield_curve_points_curve_date_tenor_unique/);
  });
});
