import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../../platform/config';
import { sha256Hex } from '../../platform/sha256';
import { toCsv } from '../../domain/compliance/reports/csv';
import {
  buildFpiUtilisationReport,
  type FpiCheckEvidence,
} from '../../domain/compliance/reports/fpi-utilisation-report';
import {
  buildPolicyCorridorReport,
  type CorridorAggregate,
} from '../../domain/compliance/reports/policy-corridor-report';
import { buildPositionLimitsReport } from '../../domain/compliance/reports/position-limits-report';
import {
  buildSebiTransactionReport,
  reconcileAcknowledgements,
} from '../../domain/compliance/reports/sebi-transaction-report';
import { isLiquidSecurity, scaledDecimal, type ReportType } from '../../domain/compliance/reporting';
import type { FpiCategory } from '../../domain/compliance/regulatory-checks';
import { emRunner, loadFpiLimitsInForce } from '../../db/compliance/fpi-limits';
import { istDayRange, loadHousePositions, loadReportTrades, residualDays } from './report-data';

/** What a builder produced: the files to store and deliver, row counts and control totals. */
export interface BuiltReport {
  files: { name: string; format: 'csv' | 'json'; body: string }[];
  rowCounts: Record<string, number>;
  controlTotals: Record<string, unknown>;
  /** Violations the report found, for an exception. */
  findings?: { kind: 'LIMIT_BREACH' | 'PRICE_OUTSIDE_CORRIDOR'; count: number; evidence: unknown };
}

export interface BuildContext {
  em: EntityManager;
  config: Config;
  period: string;
  version: number;
  parameters: Record<string, unknown>;
  progress(stage: string, done?: number, total?: number): Promise<void>;
}

/** JSON with bigint as decimal text, so every amount survives exactly. */
const json = (value: unknown) =>
  JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2);

const pctUnits = (text: string) => {
  const v = scaledDecimal(text, 4);
  if (v === null) throw new RangeError(`rate ${text} is not a decimal of at most 4 places`);
  return v;
};

async function sebiTransactions(c: BuildContext): Promise<BuiltReport> {
  const { from, to } = istDayRange(c.period);
  await c.progress('GATHERING');
  const trades = await loadReportTrades(c.em, from, to, (done, total) => c.progress('MAPPING', done, total));
  await c.progress('BUILDING', 0, trades.length);
  const report = buildSebiTransactionReport(c.period, c.version, trades);
  // Reconciliation: the day's trade reports sent to the platform against those it confirmed.
  const reports = (await c.em.getConnection().execute(
    `select report_id, version, status from trade_report_obligations
      where executed_at >= ? and executed_at < ? and status <> 'REPORT_PENDING'`,
    [from, to],
  )) as { report_id: string; version: number; status: string }[];
  const key = (r: { report_id: string; version: number }) => `${r.report_id}:${r.version}`;
  const reconciliation = reconcileAcknowledgements(
    reports.map(key),
    reports.filter((r) => r.status === 'CONFIRMED').map(key),
  );
  const pending = (await c.em.getConnection().execute(
    `select count(*)::int as n from trade_report_obligations
      where executed_at >= ? and executed_at < ? and status = 'REPORT_PENDING'`,
    [from, to],
  )) as { n: number }[];
  return {
    files: [
      { name: 'sebi-transactions.csv', format: 'csv', body: report.csv },
      {
        name: 'sebi-transactions.json',
        format: 'json',
        body: json({ control: report.control, rows: report.rows, reconciliation }),
      },
    ],
    rowCounts: { records: report.rows.length },
    controlTotals: {
      ...report.control,
      reconciliation: {
        reported: reconciliation.reported,
        acknowledged: reconciliation.acknowledged,
        unacknowledged: reconciliation.unacknowledged.length,
        not_yet_reported: pending[0]!.n,
      },
    },
  };
}

const FPI_ROW_HEADER = [
  'participant_code',
  'fpi_registration',
  'category',
  'bondx_buys_paise',
  'bondx_sells_paise',
  'bondx_net_paise',
  'bondx_holdings_paise',
] as const;

async function fpiUtilisation(c: BuildContext): Promise<BuiltReport> {
  const { from, to } = istDayRange(c.period);
  await c.progress('GATHERING');
  const trades = await loadReportTrades(c.em, from, to, (done, total) => c.progress('MAPPING', done, total));
  const positions = await loadHousePositions(c.em);
  const checks = (await c.em.getConnection().execute(
    `select p.code, r.fpi_category, r.passed, r.reasons, r.overridden
       from regulatory_check_records r join participants p on p.id = r.participant_id
      where r.is_fpi and r.checked_at >= ? and r.checked_at < ?`,
    [from, to],
  )) as {
    code: string;
    fpi_category: FpiCategory;
    passed: boolean;
    reasons: string | null;
    overridden: boolean;
  }[];
  await c.progress('BUILDING');
  const report = buildFpiUtilisationReport({
    date: c.period,
    limits: await loadFpiLimitsInForce(emRunner(c.em), c.period, to),
    trades,
    holdings: positions
      .filter((p) => p.participantKind === 'FPI' && p.netPaise > 0n)
      .map((p) => ({
        participantCode: p.participantCode,
        fpiRegistration: p.fpiRegistration,
        category: p.fpiCategory,
        holdingPaise: p.netPaise,
      })),
    checks: checks.map((r): FpiCheckEvidence => ({
      participantCode: r.code,
      category: r.fpi_category,
      passed: r.passed,
      reason: r.reasons?.split(',')[0],
      overridden: r.overridden,
    })),
  });
  const header = [
    'category',
    'published_as_of',
    'limit_paise',
    'national_utilised_paise',
    'bondx_net_since_publication_paise',
    'utilised_paise',
    'utilisation_bps',
    'free_paise',
    'bondx_buys_paise',
    'bondx_sells_paise',
    'bondx_net_paise',
    'bondx_holdings_paise',
  ] as const;
  return {
    files: [
      {
        name: 'fpi-utilisation.csv',
        format: 'csv',
        body: toCsv(
          header,
          report.categories.map((r) => header.map((h) => r[h])),
        ),
      },
      {
        name: 'fpi-utilisation-by-fpi.csv',
        format: 'csv',
        body: toCsv(
          FPI_ROW_HEADER,
          report.fpis.map((r) => FPI_ROW_HEADER.map((h) => r[h])),
        ),
      },
      { name: 'fpi-utilisation.json', format: 'json', body: json(report) },
    ],
    rowCounts: {
      categories: report.categories.length,
      fpis: report.fpis.length,
      checks: report.evidence.checked,
    },
    controlTotals: { ...report.control, evidence: report.evidence },
  };
}

type HousePosition = Awaited<ReturnType<typeof loadHousePositions>>[number];

/** The configured limits of one side by `participantCode|isin`, as the position limits report takes them. */
const limitsBy = (positions: HousePosition[], side: (p: HousePosition) => bigint | null) =>
  new Map(
    positions.flatMap((p) => {
      const limit = side(p);
      return limit === null ? [] : [[`${p.participantCode}|${p.isin}`, limit] as const];
    }),
  );

async function positionLimits(c: BuildContext): Promise<BuiltReport> {
  await c.progress('GATHERING');
  const positions = await loadHousePositions(c.em);
  await c.progress('BUILDING', 0, positions.length);
  const securities = new Map(
    positions.map((p) => [
      p.isin,
      { isin: p.isin, outstandingPaise: p.outstandingPaise, liquid: isLiquidSecurity(p.bondType) },
    ]),
  );
  const report = buildPositionLimitsReport({
    date: c.period,
    positions,
    securities: [...securities.values()],
    longLimitsPaise: limitsBy(positions, (p) => p.maxLongPaise),
    shortLimitsPaise: limitsBy(positions, (p) => p.maxShortPaise),
  });
  const header = [
    'report_date',
    'participant_code',
    'isin',
    'net_position_paise',
    'long_limit_paise',
    'short_limit_paise',
    'utilisation_bps',
    'status',
  ] as const;
  const breaches = report.rows.filter((r) => r.status !== 'WITHIN');
  return {
    files: [
      {
        name: 'position-limits.csv',
        format: 'csv',
        body: toCsv(
          header,
          report.rows.map((r) => header.map((h) => r[h])),
        ),
      },
      { name: 'position-limits.json', format: 'json', body: json(report) },
    ],
    rowCounts: { records: report.rows.length },
    controlTotals: report.control,
    findings: breaches.length
      ? { kind: 'LIMIT_BREACH', count: breaches.length, evidence: breaches }
      : undefined,
  };
}

async function policyCorridor(c: BuildContext): Promise<BuiltReport> {
  const { from, to } = istDayRange(c.period);
  await c.progress('GATHERING');
  const trades = await loadReportTrades(c.em, from, to, (done, total) => c.progress('MAPPING', done, total));
  const rates = {
    ...c.config.reporting.policyCorridor,
    ...(c.parameters as Partial<Record<'sdf' | 'repo' | 'msf', string>>),
  };
  await c.progress('BUILDING', 0, trades.length);
  const corridorTrades = [];
  // A trade settling at maturity has no yield to hold against the corridor.
  for (const t of trades)
    if (t.yieldUnits !== null)
      corridorTrades.push({
        tradeId: t.tradeId,
        isin: t.isin,
        executedAt: t.executedAt,
        residualDays: await residualDays(c.em, t.isin, t.executedAt),
        faceValuePaise: t.quantityPaise,
        yieldUnits: t.yieldUnits,
      });
  const report = buildPolicyCorridorReport(c.period, corridorTrades, {
    sdfUnits: pctUnits(rates.sdf),
    repoUnits: pctUnits(rates.repo),
    msfUnits: pctUnits(rates.msf),
  });
  const header = [
    'section',
    'key',
    'trade_count',
    'volume_paise',
    'weighted_average_yield',
    'spread_to_repo',
    'trades_outside_corridor',
  ];
  const line = (section: string, key: string, a: CorridorAggregate) => [
    section,
    key,
    a.trade_count,
    a.volume_paise,
    a.weighted_average_yield,
    a.spread_to_repo,
    a.trades_outside_corridor,
  ];
  return {
    files: [
      {
        name: 'policy-corridor.csv',
        format: 'csv',
        body: toCsv(header, [
          ...report.by_security.map((a) => line('SECURITY', a.isin, a)),
          ...report.by_tenor.map((a) => line('TENOR', a.tenor_bucket, a)),
        ]),
      },
      { name: 'policy-corridor.json', format: 'json', body: json(report) },
    ],
    rowCounts: {
      securities: report.by_security.length,
      tenors: report.by_tenor.length,
      flagged: report.flagged.length,
    },
    controlTotals: report.control,
    findings: report.flagged.length
      ? { kind: 'PRICE_OUTSIDE_CORRIDOR', count: report.flagged.length, evidence: report.flagged }
      : undefined,
  };
}

export const REPORT_BUILDERS: Record<ReportType, (c: BuildContext) => Promise<BuiltReport>> = {
  SEBI_TRANSACTIONS: sebiTransactions,
  FPI_UTILISATION: fpiUtilisation,
  POSITION_LIMITS: positionLimits,
  POLICY_CORRIDOR: policyCorridor,
};

export const artifactDigest = (body: string) => ({ sha256: sha256Hex(body), bytes: Buffer.byteLength(body) });
