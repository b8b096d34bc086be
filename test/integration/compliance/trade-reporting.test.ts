import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WorkflowHandle } from '@temporalio/client';
import { ComplianceException, TradeReportObligation } from '../../../db/entities';
import type { Config } from '../../../platform/config';
import { ensureTradeReporting } from '../../../workers/compliance/trade-reporting';
import { startTestApi, type TestApi } from '../../support/api-harness';
import { startTestWorker, type TestWorker } from '../../support/temporal-worker';
import { insertTrade, onboard, until } from './reporting-fixtures';

let api: TestApi;
const suffix = String(process.pid % 100_000);
const ids: Record<string, number> = {};

/** A real HTTP server standing in for the regulator's platform: records what it receives. */
interface Platform {
  url: string;
  received: { reference: string; record_keys: string[]; files: { name: string; body: string }[] }[];
  close(): Promise<void>;
}

async function startPlatform(): Promise<Platform> {
  const received: Platform['received'] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const body = JSON.parse(text);
      received.push(body);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ack_id: `ACK-${received.length}`, confirmed: body.record_keys }));
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

beforeAll(async () => {
  api = await startTestApi();
  const admin = await api.login('admin@bondx.local');
  ids.buyer = await onboard(api, admin, `TRBUY${suffix}`, 'BANK');
  ids.seller = await onboard(api, admin, `TRSELL${suffix}`, 'FPI');
});
afterAll(async () => {
  await api.stop();
});

describe('15-minute trade reporting on Temporal', () => {
  test('when a trade executes, then its report reaches the platform and is confirmed before its deadline; an amendment is the next version', async () => {
    const platform = await startPlatform();
    const reporter = await reporterAgainst(platform.url, 'trade-reports-up');
    try {
      const tradeId = await insertTrade(api.deps.orm, {
        bondCode: 'BOND_006',
        buyerId: ids.buyer!,
        sellerId: ids.seller!,
        price: '100.2500',
        quantity: '1000000.00',
        executedAt: new Date(),
      });
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
        buyer: { participant_code: `TRBUY${suffix}`, category: 'BANK' },
        seller: { participant_code: `TRSELL${suffix}`, category: 'FPI' },
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

  test('when the gateway is down, then the alert is raised and at the deadline a LATE_REPORT exception opens', async () => {
    // A platform that is gone: its port refuses connections.
    const gone = await startPlatform();
    await gone.close();
    const reporter = await reporterAgainst(gone.url, 'trade-reports-down');
    // A trade booked late: 14 min 30 s after execution, so the alert (+10 min) is due at once and the deadline in 30 s.
    const tradeId = await insertTrade(api.deps.orm, {
      bondCode: 'BOND_006',
      buyerId: ids.buyer!,
      sellerId: ids.seller!,
      price: '100.5000',
      quantity: '2000000.00',
      executedAt: new Date(Date.now() - (14 * 60 + 30) * 1000),
    });
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
});
