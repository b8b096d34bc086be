import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ComplianceException } from '../../../db/entities';
import { startTestApi, type TestApi } from '../../support/api-harness';
import { startTestWorker, type TestWorker } from '../../support/temporal-worker';
import { reportingFolders, until } from './reporting-fixtures';

/**
 * A real HTTP server standing in for a regulator's platform that confirms later: every submission
 * is answered 202 with a status URL; what its status then says is set per reference.
 */
interface Platform {
  url: string;
  /** Per submission reference: the statuses its polls answer in turn (the last one repeats). */
  script: Map<string, { status: string; reason?: string }[]>;
  polls: Map<string, number[]>;
  close(): Promise<void>;
}

async function startPlatform(): Promise<Platform> {
  const script: Platform['script'] = new Map();
  const polls: Platform['polls'] = new Map();
  const server: Server = createServer((req, res) => {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'POST') {
      let text = '';
      req.on('data', (c) => (text += c));
      req.on('end', () => {
        const { reference } = JSON.parse(text);
        json(202, { ack_id: `ACK-${reference}`, status_url: `/status/${reference}` });
      });
      return;
    }
    const reference = decodeURIComponent(req.url!.replace('/status/', ''));
    const times = polls.get(reference) ?? [];
    times.push(Date.now());
    polls.set(reference, times);
    const steps = script.get(reference) ?? [{ status: 'PENDING' }];
    const step = steps[Math.min(times.length, steps.length) - 1]!;
    json(200, {
      status: step.status,
      reason: step.reason,
      confirmation_id: step.status === 'CONFIRMED' ? `CONF-${reference}` : undefined,
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/submissions`,
    script,
    polls,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

let api: TestApi;
let worker: TestWorker;
let platform: Platform;
let officer: string;
let folders: ReturnType<typeof reportingFolders>;

beforeAll(async () => {
  api = await startTestApi();
  platform = await startPlatform();
  folders = reportingFolders(api.deps.config);
  worker = await startTestWorker(
    api.deps.orm,
    {
      ...api.deps.config,
      reporting: {
        ...folders.reporting,
        gateway: { ...folders.reporting.gateway, kind: 'http', url: platform.url, timeoutMs: 2_000 },
        // Polls after 0.4 s, 0.8 s, 1.6 s, then every 2 s; unconfirmed after 4 s the run fails.
        confirm: { pollSeconds: 0.4, maxPollSeconds: 2, timeoutSeconds: 4 },
      },
    },
    'report-confirmation',
  );
  api.deps.config.temporal.taskQueue = worker.config.temporal.taskQueue;
  officer = await api.login('compliance@bondx.local');
});
afterAll(async () => {
  await worker.close();
  await api.stop();
  await platform.close();
  folders.remove();
});

/** A policy-corridor run of a day without trades: quick to build, delivered through the platform. */
async function runReport(period: string) {
  const res = await api.call('POST', '/api/v1/compliance/reports', {
    token: officer,
    body: { report_type: 'POLICY_CORRIDOR', period },
  });
  expect(res.status).toBe(201);
  const { report_run_id } = await res.json();
  return until(
    async () =>
      (await api.call('GET', `/api/v1/compliance/reports/${report_run_id}`, { token: officer })).json(),
    (r) => r.status !== 'RUNNING',
    30_000,
  );
}

describe('report delivery confirmed later by the platform', () => {
  test('when the platform takes a delivery as pending, then the run polls with growing waits until it is confirmed and records the confirmation id', async () => {
    const reference = 'report-policy-corridor-2025-06-02';
    platform.script.set(reference, [{ status: 'PENDING' }, { status: 'PENDING' }, { status: 'CONFIRMED' }]);
    const run = await runReport('2025-06-02');
    expect(run.status).toBe('SUCCEEDED');
    expect(run.delivery).toMatchObject({
      gateway: 'http',
      ackId: `ACK-${reference}`,
      status: 'CONFIRMED',
      confirmationId: `CONF-${reference}`,
      statusUrl: `${new URL(platform.url).origin}/status/${reference}`,
      polls: 3,
    });
    const times = platform.polls.get(reference)!;
    expect(times).toHaveLength(3);
    // Each wait at least as long as scheduled: 0.8 s, then 1.6 s (timers never fire early).
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(780);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(1580);
  }, 60_000);

  test('when the platform never confirms in time, then the run fails and a REPORT_FAILED exception opens', async () => {
    const reference = 'report-policy-corridor-2025-06-03';
    const run = await runReport('2025-06-03');
    expect(run.status).toBe('FAILED');
    expect(run.error).toMatch(/did not confirm the delivery within 4 s/);
    expect(run.delivery).toMatchObject({ status: 'PENDING' });
    expect(platform.polls.get(reference)!.length).toBeGreaterThanOrEqual(3);
    const exception = await until(
      () => api.deps.orm.em.fork().findOne(ComplianceException, { dedupKey: `report-failed:${reference}` }),
      (e) => e !== null,
    );
    expect(exception).toMatchObject({ kind: 'REPORT_FAILED', status: 'OPEN' });
  }, 60_000);

  test('when the platform rejects the delivery, then the run fails with its reason', async () => {
    const reference = 'report-policy-corridor-2025-06-04';
    platform.script.set(reference, [{ status: 'REJECTED', reason: 'control totals do not match' }]);
    const run = await runReport('2025-06-04');
    expect(run.status).toBe('FAILED');
    expect(run.error).toMatch(/rejected the delivery: control totals do not match/);
    expect(run.delivery).toMatchObject({
      status: 'REJECTED',
      rejectionReason: 'control totals do not match',
    });
  }, 60_000);
});
