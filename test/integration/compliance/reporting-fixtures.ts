import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../../../platform/config';
import type { TestApi } from '../../support/api-harness';
import { startTestWorker } from '../../support/temporal-worker';

/** Onboards a participant of the test's own (its HOUSE portfolio comes with it). */
export async function onboard(
  api: TestApi,
  adminToken: string,
  code: string,
  kind: string,
  extra: Record<string, unknown> = {},
): Promise<number> {
  const res = await api.call('POST', '/api/v1/participants', {
    token: adminToken,
    body: {
      code,
      name: `${code} (compliance test)`,
      kind,
      domicile: kind === 'FPI' ? 'FOREIGN' : 'DOMESTIC',
      ...extra,
    },
  });
  if (res.status !== 201) throw new Error(`onboarding ${code}: ${res.status} ${await res.text()}`);
  return (await res.json()).participant_id;
}

/**
 * A trade as the matching worker writes it (both orders FILLED, then the trade), on a day of the
 * test's choosing; the insert fires the trade-reporting trigger like any other.
 */
export async function insertTrade(
  orm: MikroORM,
  t: {
    bondCode: string;
    buyerId: number;
    sellerId: number;
    price: string;
    quantity: string;
    executedAt: Date;
  },
): Promise<string> {
  const conn = orm.em.fork().getConnection();
  const [ids] = (await conn.execute(
    `select (select id from bonds where code = ?) as bond_id, (select id from users order by id limit 1) as user_id`,
    [t.bondCode],
  )) as { bond_id: number; user_id: number }[];
  const { bond_id, user_id } = ids!;
  const order = async (participantId: number, side: 'BUY' | 'SELL') => {
    const id = randomUUID();
    await conn.execute(
      `insert into orders (id, engine_id, participant_id, user_id, bond_id, side, order_type, time_in_force, price,
                           quantity, stp_mode, filled_quantity, status, created_at, updated_at)
       values (?, 9000000000000000 + floor(random() * 999999999999)::bigint, ?, ?, ?, ?, 'LIMIT', 'DAY', ?, ?,
               'CANCEL_INCOMING', ?, 'FILLED', ?, ?)`,
      [
        id,
        participantId,
        user_id,
        bond_id,
        side,
        t.price,
        t.quantity,
        t.quantity,
        t.executedAt,
        t.executedAt,
      ],
    );
    return id;
  };
  const id = randomUUID();
  await conn.execute(
    `insert into trades (id, bond_id, sequence, buy_order_id, sell_order_id, buyer_participant_id, seller_participant_id,
                         price, quantity, aggressor_side, executed_at)
     values (?, ?, 9000000000000000 + floor(random() * 999999999999)::bigint, ?, ?, ?, ?, ?, ?, 'BUY', ?)`,
    [
      id,
      bond_id,
      await order(t.buyerId, 'BUY'),
      await order(t.sellerId, 'SELL'),
      t.buyerId,
      t.sellerId,
      t.price,
      t.quantity,
      t.executedAt,
    ],
  );
  return id;
}

/** Sets a participant's HOUSE position in a bond (rupees of face value, negative for a short). */
export async function setHousePosition(
  orm: MikroORM,
  participantId: number,
  bondCode: string,
  quantity: string,
) {
  await orm.em
    .fork()
    .getConnection()
    .execute(
      `insert into positions (portfolio_id, bond_id, quantity, average_price, updated_at, version)
     select pf.id, b.id, ?, 100, now(), 1 from portfolios pf, bonds b
      where pf.participant_id = ? and pf.kind = 'HOUSE' and b.code = ?
     on conflict (portfolio_id, bond_id) do update set quantity = excluded.quantity`,
      [quantity, participantId, bondCode],
    );
}

/** Report and gateway folders of the test's own, removed by `remove()`. */
export function reportingFolders(config: Config) {
  const root = mkdtempSync(join(tmpdir(), 'bondx-reporting-'));
  const reporting: Config['reporting'] = {
    ...config.reporting,
    reportDir: join(root, 'reports'),
    gateway: { ...config.reporting.gateway, kind: 'local', dir: join(root, 'gateway') },
  };
  return { root, reporting, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * A worker on the test file's own queue, writing reports to folders of its own, and the API
 * pointed at that queue, so the workflows the API starts run there.
 */
export async function startReportingWorker(api: TestApi, queue: string) {
  const folders = reportingFolders(api.deps.config);
  const worker = await startTestWorker(
    api.deps.orm,
    { ...api.deps.config, reporting: folders.reporting },
    queue,
  );
  api.deps.config.temporal.taskQueue = worker.config.temporal.taskQueue;
  return { folders, worker };
}

export const until = async <T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 60_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
};
