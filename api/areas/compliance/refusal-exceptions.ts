import { openComplianceException } from '../../../activities/compliance/open-exception';
import type { OpenExceptionInput } from '../../../db/compliance/exception-records';
import { istDate } from '../../../domain/compliance/reports/report-values';
import type { PreTradeRejection } from '../../../domain/trading';
import type { AppDeps } from '../../app-deps';
import type { RegulatoryGateInput, RegulatoryGateResult } from './regulatory-gate';

type ExceptionAppDeps = Pick<AppDeps, 'orm' | 'temporal' | 'config' | 'log'>;

/** How long this instance skips a key it has just opened (or found open), so a burst of refusals costs one lookup. */
const REPEAT_WINDOW_MS = 60_000;
const recentlyOpened = new Map<string, number>();

function seenRecently(key: string, now: number): boolean {
  const until = recentlyOpened.get(key);
  if (until !== undefined && until > now) return true;
  if (recentlyOpened.size > 10_000) {
    for (const [k, t] of recentlyOpened) if (t <= now) recentlyOpened.delete(k);
  }
  recentlyOpened.set(key, now + REPEAT_WINDOW_MS);
  return false;
}

/**
 * Opens the exception after the refusal has been answered: never awaited by the request, so a
 * refusal is as fast as before and a Temporal outage cannot turn it into a 500. The dedup key keeps
 * one unresolved exception per cause and IST day; a lost one is logged.
 */
function openInBackground(deps: ExceptionAppDeps, input: OpenExceptionInput & { dedupKey: string }): void {
  if (seenRecently(input.dedupKey, Date.now())) return;
  openComplianceException(
    { orm: deps.orm, temporal: deps.temporal, taskQueue: deps.config.temporal.taskQueue },
    input,
  ).catch((err: unknown) => {
    recentlyOpened.delete(input.dedupKey);
    deps.log.error({ err, dedupKey: input.dedupKey }, 'could not open a compliance exception for a refusal');
  });
}

/** An FPI buy refused by the national limit of its category: an FPI_LIMIT exception, one per FPI, category and day. */
export function openFpiLimitException(
  deps: ExceptionAppDeps,
  input: RegulatoryGateInput,
  result: Pick<RegulatoryGateResult, 'failed' | 'record'>,
): void {
  const fpi = result.failed.find((o) => o.check === 'FPI_LIMIT');
  if (!fpi) return;
  const category = result.record.fpiCategory ?? 'UNKNOWN';
  openInBackground(deps, {
    kind: 'FPI_LIMIT',
    severity: 'MEDIUM',
    title: `FPI buy refused: ${category} national limit (participant ${input.participantId})`,
    description: fpi.message,
    evidence: {
      participant_id: input.participantId,
      bond_id: input.bondId,
      subject_type: input.subjectType,
      side: input.side,
      face_value_paise: result.record.faceValuePaise,
      fpi_category: category,
      reason: fpi.reason,
      figures: fpi.figures,
    },
    dedupKey: `fpi-limit:${input.participantId}:${category}:${istDate(new Date())}`,
  });
}

export interface PriceBandRefusal {
  participantId: number;
  bondId: number;
  bondCode: string;
  /** What the order asked: NEW or MODIFY, with its prices. */
  action: 'NEW' | 'MODIFY';
  price: string | null;
  stopPrice: string | null;
  referencePriceTicks: number | null;
  rejections: readonly PreTradeRejection[];
}

/** An order refused for a price outside the band: a PRICE_OUTSIDE_BAND exception, one per participant, bond and day. */
export function openPriceBandException(deps: ExceptionAppDeps, r: PriceBandRefusal): void {
  const band = r.rejections.filter((x) => x.reason === 'PRICE_BAND');
  if (!band.length) return;
  openInBackground(deps, {
    kind: 'PRICE_OUTSIDE_BAND',
    severity: 'LOW',
    title: `Order refused outside the price band: ${r.bondCode} (participant ${r.participantId})`,
    description: band.map((x) => `${x.field}: ${x.message}`).join('; '),
    evidence: {
      participant_id: r.participantId,
      bond_id: r.bondId,
      bond_code: r.bondCode,
      action: r.action,
      price: r.price,
      stop_price: r.stopPrice,
      reference_price_ticks: r.referencePriceTicks,
      fields: band.map((x) => x.field),
    },
    dedupKey: `price-band:${r.participantId}:${r.bondId}:${istDate(new Date())}`,
  });
}
