import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WorkflowHandle } from '@temporalio/client';
import { ComplianceException, TradeReportObligation } from '../../../db/entities';
import type { Config } from '../../../platform/config';
import { ensureTradeReporting } from '../../../workers/compliance/trade-reporting';
import { startTestApi, type TestApi } from '../../support/api-harness';
import { createCorporateBond } from '../../support/member-fixtures';
import { startTestWorker, type TestWorker } from '../../support/temporal-worker';
import { insertTrade, onboard, until } from './reporting-fixtures';

let api: TestApi;
const suffix = String(process.pid % 100_000);
const ids: Record<string, number> = {};
const SELLER_REGISTRATION = `INLUFP${suffix.padStart(6, '0')}`;

/** A real HTTP server standing in for the regulator's platform: records what it receives. */
interface Platform {
  url: string;
  received: { reference: string; record_keys: string[]; files: { name: string; body: string }[] }[];
  close(): Promise<void>;
}

/**
 * `confirmAfterPolls`: the platform answers 202 and confirms on that poll of the status URL (never
 * when null); without it, it confirms at once (200).
 */
async function startPlatform(pending?: { confirmAfterPolls: number | null }): Promise<Platform> {
  const received: Platform['received'] = [];
  const polls = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET') {
      const ack = req.url!.split('/').pop()!;
      polls.set(ack, (polls.get(ack) ?? 0) + 1);
      const confirmed = pending?.confirmAfterPolls != null && polls.get(ack)! >= pending.confirmAfterPolls;
      json(200, confirmed ? { status: 'CONFIRMED', confirmation_id: `CONF-${ack}` } : { status: 'PENDING' });
      return;
    }
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const body = JSON.parse(text);
      received.push(body);
      const ackId = `ACK-${received.length}`;
      if (pending) json(202, { ack_id: ackId });
      else json(200, { ack_id: ackId, confirmed: body.record_keys });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/trade-reports`,
    received,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** A worker whose gateway posts to `url`, running the trade reporter every half second. */
async function reporterAgainst(url: string, queue: string) {
  const config: Config = {
    ...api.deps.config,
    reporting: {
      ...api.deps.config.reporting,
      gateway: { kind: 'http', url, dir: '', timeoutMs: 2_000 },
      confirm: { pollSeconds: 0.3, maxPollSeconds: 1, timeoutSeconds: 4 },
      tradePollSeconds: 0.5,
    },
  };
  const worker = await startTestWorker(api.deps.orm, config, queue);
  const handle = await ensureTradeReporting(
    worker.client,
    worker.config,
    `trade-reporting-${queue}-${process.pid}`,
  );
  return { worker, handle };
}

async function stopReporter(r: { worker: TestWorker; handle: WorkflowHandle }) {
  // A reporter that ended on its own failed: show why instead of a terminate error.
  const { status } = await r.handle.describe();
  if (status.name !== 'RUNNING') await r.handle.result();
  await r.handle.terminate('test over');
  await r.worker.close();
}

const obligationsOf = (tradeId: string) =>
  api.deps.orm.em
    .fork()
    .find(TradeReportObligation, { source: 'TRADE', tradeRef: tradeId }, { orderBy: { version: 'asc' } });

/** A BOND_006 trade between this file's buyer and seller, executed now unless told otherwise. */
const bookTrade = (price: string, quantity = '1000000.00', executedAt = new Date()) =>
  insertTrade(api.deps.orm, {
    bondCode: 'BOND_006',
    buyerId: ids.buyer!,
    sellerId: ids.seller!,
    price,
    quantity,
    executedAt,
  });

beforeAll(async () => {
  api = await startTestApi();
  const admin = await api.login('admin@bondx.local');
  ids.buyer = await onboard(api, admin, `TRBUY${suffix}`, 'BANK');
  ids.seller = await onboard(api, admin, `TRSELL${suffix}`, 'FPI', { fpi_registration: SELLER_REGISTRATION });
});
afterAll(async () => {
  await api.stop();
});

describe('15-minute trade reporting on Temporal', () => {
  test('when a trade executes, then its report reaches the platform and is confirmed before its deadline; an amendment is the next version', async () => {
    const platform = await startPlatform();
    const reporter = await reporterAgainst(platform.url, 'trade-reports-up');
    try {
      const tradeId = await bookTrade('100.2500');
      const [done] = await until(
        () => obligationsOf(tradeId),
        (o) => o[0]?.status === 'CONFIRMED',
      );
      expect(done).toMatchObject({
        version: 1,
        action: 'NEW',
        reportId: `TRD-${tradeId}`,
        status: 'CONFIRMED',
        alertedAt: null,
      });
      expect(done!.confirmedAt!.getTime()).toBeLessThan(done!.deadlineAt.getTime());
      expect(done!.deadlineAt.getTime() - done!.executedAt.getTime()).toBe(15 * 60_000);
      const sent = platform.received.find((s) => s.record_keys.includes(`TRD-${tradeId}:1`))!;
      const json = JSON.parse(sent.files.find((f) => f.name === 'trade-reports.json')!.body);
      const record = json.find((r: { trade_id: string }) => r.trade_id === tradeId);
      expect(record).toMatchObject({
        report_version: 1,
        action: 'NEW',
        quantity_paise: '100000000',
        clean_price: '100.2500',
        buyer: { participant_code: `TRBUY${suffix}`, category: 'BANK', fpi_registration: null },
        seller: {
          participant_code: `TRSELL${suffix}`,
          category: 'FPI',
          fpi_registration: SELLER_REGISTRATION,
        },
        record_hash: done!.recordHash,
      });
      expect(sent.files.find((f) => f.name === 'trade-reports.csv')!.body).toContain(
        `TRD-${tradeId},1,NEW,${tradeId},CONTINUOUS`,
      );

      // The path trade corrections take: one SQL call in their own transaction.
      await api.deps.orm.em
        .fork()
        .getConnection()
        .execute(`select enqueue_trade_report('TRADE', ?, 'AMEND')`, [tradeId]);
      const [, amended] = await until(
        () => obligationsOf(tradeId),
        (o) => o[1]?.status === 'CONFIRMED',
      );
      expect(amended).toMatchObject({ version: 2, action: 'AMEND', reportId: `TRD-${tradeId}` });
      expect(amended!.record).toMatchObject({ report_version: 2, action: 'AMEND' });
    } finally {
      await stopReporter(reporter);
      await platform.close();
    }
  }, 150_000);

  test('when a trade settles on its bond’s maturity date and an older report’s trade cannot be read, then the first is reported without a yield and the other waits with its reason, holding nothing back', async () => {
    const admin = await api.login('admin@bondx.local');
    const bond = `TRMAT${suffix}`;
    // Traded Thursday 2025-06-12 (10:30 IST): T+1 is Friday the 13th, the maturity date.
    await createCorporateBond(api, admin, bond, `TM${suffix.padStart(5, '0')}0`.slice(0, 8), {
      rating: 'AAA',
      coupon_pct: '7.0000',
      maturity_date: '2025-06-13',
    });
    const conn = api.deps.orm.em.fork().getConnection();
    const [poison] = (await conn.execute(
      `insert into trade_report_obligations (source, trade_ref, report_id, version, action, executed_at, deadline_at)
       values ('TRADE', gen_random_uuid()::text, ?, 1, 'NEW', now() - interval '1 hour', now() - interval '45 minutes')
       returning id`,
      [`TRD-unreadable-${suffix}`],
    )) as { id: string }[];
    const platform = await startPlatform();
    const reporter = await reporterAgainst(platform.url, 'trade-reports-maturity');
    try {
      const tradeId = await insertTrade(api.deps.orm, {
        bondCode: bond,
        buyerId: ids.buyer!,
        sellerId: ids.seller!,
        price: '99.9900',
        quantity: '1000000.00',
        executedAt: new Date('2025-06-12T05:00:00Z'),
      });
      const [done] = await until(
        () => obligationsOf(tradeId),
        (o) => o[0]?.status === 'CONFIRMED',
      );
      expect(done!.record).toMatchObject({
        settlement_date: '2025-06-13',
        yield: null,
        accrued_interest_paise: '0',
        clean_price: '99.9900',
      });
      const waiting = await api.deps.orm.em.fork().findOneOrFail(TradeReportObligation, poison!.id);
      expect(waiting.status).toBe('REPORT_PENDING');
      expect(waiting.lastError).toMatch(/^record not built: TRADE .* not found$/);
    } finally {
      await stopReporter(reporter);
      await platform.close();
      await conn.execute('delete from trade_report_obligations where id = ?', [poison!.id]);
    }
  }, 150_000);

  test('when the gateway is down, then the alert is raised and at the deadline a LATE_REPORT exception opens', async () => {
    // A platform that is gone: its port refuses connections.
    const gone = await startPlatform();
    await gone.close();
    const reporter = await reporterAgainst(gone.url, 'trade-reports-down');
    // A trade booked late: 14 min 30 s after execution, so the alert (+10 min) is due at once and the deadline in 30 s.
    const tradeId = await bookTrade('100.5000', '2000000.00', new Date(Date.now() - (14 * 60 + 30) * 1000));
    try {
      const [alerted] = await until(
        () => obligationsOf(tradeId),
        (o) => o[0]?.alertedAt != null,
      );
      expect(alerted).toMatchObject({ status: 'REPORT_PENDING', exceptionId: null });
      expect(alerted!.alertedAt!.getTime()).toBeLessThan(alerted!.deadlineAt.getTime());
      const [late] = await until(
        () => obligationsOf(tradeId),
        (o) => o[0]?.exceptionId != null,
        60_000,
      );
      expect(late!.status).toBe('REPORT_PENDING');
      expect(late!.attempts).toBeGreaterThan(0);
      expect(late!.lastError).toMatch(/unreachable/);
      const exception = await api.deps.orm.em.fork().findOneOrFail(ComplianceException, late!.exceptionId!);
      expect(exception).toMatchObject({ kind: 'LATE_REPORT', status: 'OPEN', severity: 'HIGH' });
      expect(JSON.stringify(exception.evidence)).toContain(`TRD-${tradeId}`);
      expect(Date.now()).toBeGreaterThanOrEqual(late!.deadlineAt.getTime());
      expect(
        await reporter.worker.metrics.getSingleMetricAsString('bondx_trade_report_alerts_total'),
      ).toMatch(/ [1-9]\d*$/);
    } finally {
      await stopReporter(reporter);
    }
  }, 150_000);

  test('when the platform takes reports as pending, then the reporter polls until they are confirmed and records the confirmation id', async () => {
    const platform = await startPlatform({ confirmAfterPolls: 3 });
    const reporter = await reporterAgainst(platform.url, 'trade-reports-pending');
    try {
      const tradeId = await bookTrade('100.7500');
      const [reported] = await until(
        () => obligationsOf(tradeId),
        (o) => o[0]?.status === 'REPORTED',
      );
      // The default status URL: the submission URL and the acknowledgement id.
      expect(reported!.ackStatusUrl).toBe(`${platform.url}/${reported!.ackRef}`);
      const [done] = await until(
        () => obligationsOf(tradeId),
        (o) => o[0]?.status === 'CONFIRMED',
      );
      expect(done).toMatchObject({ confirmationId: `CONF-${done!.ackRef}`, polls: 3, nextPollAt: null });
      expect(done!.confirmedAt!.getTime()).toBeGreaterThan(done!.reportedAt!.getTime());
    } finally {
      await stopReporter(reporter);
      await platform.close();
    }
  }, 150_000);

  test('when the platform never confirms a pending report, then a REPORT_FAILED exception opens after the confirmation timeout', async () => {
    const platform = await startPlatform({ confirmAfterPolls: null });
    const reporter = await reporterAgainst(platform.url, 'trade-reports-unconfirmed');
    try {
      const tradeId = await bookTrade('100.8000');
      const [held] = await until(
        () => obligationsOf(tradeId),
        (o) => o[0]?.exceptionId != null,
      );
      expect(held).toMatchObject({ status: 'REPORTED', confirmationId: null });
      expect(held!.polls).toBeGreaterThanOrEqual(2);
      const exception = await api.deps.orm.em.fork().findOneOrFail(ComplianceException, held!.exceptionId!);
      expect(exception).toMatchObject({ kind: 'REPORT_FAILED', status: 'OPEN' });
      expect(exception.title).toMatch(/not confirmed within 4 s/);
      expect(JSON.stringify(exception.evidence)).toContain(`TRD-${tradeId}`);
    } finally {
      await stopReporter(reporter);
      await platform.close();
    }
  }, 150_000);
});
