import type { Pool } from 'pg';
import {
  consumeOverrideUses,
  loadLiveOverrides,
  OverrideUnavailableError,
  type SqlClient,
} from '../../../db/compliance/check-overrides';
import { loadFpiLimitsInForce, pgRunner } from '../../../db/compliance/fpi-limits';
import { positionLimitColumns } from '../../../db/compliance/position-limits';
import { inTransaction } from '../../../db/pg-transaction';
import {
  applyCheckOverrides,
  type OverrideUse,
  type RecordedCheckOutcome,
} from '../../../domain/compliance/check-overrides';
import {
  checkRegulatory,
  type FpiCategory,
  type RegulatoryCheckOutcome,
} from '../../../domain/compliance/regulatory-checks';
import { fpiCategoryOfBond, isLiquidSecurity, scaledDecimal } from '../../../domain/compliance/reporting';
import { istDate } from '../../../domain/compliance/reports/report-values';
import type { BondType } from '../../../domain/reference-data/bond-types';
import { Problem } from '../../http/problem';

export interface RegulatoryGateInput {
  /** RFQ_QUOTE: a dealer's quote (firm when accepted); RFQ_ACCEPT: either side of an accepted quote. */
  subjectType: 'ORDER' | 'BID' | 'RFQ_QUOTE' | 'RFQ_ACCEPT';
  participantId: number;
  bondId: number;
  side: 'BUY' | 'SELL';
  /** Rupees of face value, as decimal text. */
  faceValue: string;
  /** The request field the amount came from, named in a refusal. */
  field: string;
  /** The user placing it, named in the audit record of an override's use. */
  userId?: number;
}

/**
 * What the checks read besides the FPI limits: the participant's kind, the bond, the HOUSE position
 * and the configured position limit that applies (paise; null: none on that side).
 */
export interface GateContext {
  kind: string;
  bond_type: BondType;
  outstanding: string;
  position: string;
  max_long_paise: string | null;
  max_short_paise: string | null;
}

/**
 * The select list of a GateContext for participant `p` and bond `b` of the caller's query: the
 * order path reads it in the same round trip as its other pre-trade state.
 */
export const GATE_CONTEXT_COLUMNS = `p.kind::text as kind, b.bond_type, b.outstanding_amount::text as outstanding,
   coalesce((select pos.quantity from positions pos
               join portfolios pf on pf.id = pos.portfolio_id and pf.kind = 'HOUSE'
              where pf.participant_id = p.id and pos.bond_id = b.id), 0)::text as position,
   ${positionLimitColumns('p', 'b')}`;

/** One outcome of the checks, as `regulatory_check_records` keeps it. */
export interface RegulatoryRecord {
  subjectType: RegulatoryGateInput['subjectType'];
  participantId: number;
  bondId: number;
  side: 'BUY' | 'SELL';
  faceValuePaise: string;
  isFpi: boolean;
  fpiCategory: FpiCategory | null;
  passed: boolean;
  reasons: string | null;
  /** Passed by compliance overrides (named in `outcomes`) despite a refusal. */
  overridden: boolean;
  outcomes: string;
}

export interface RegulatoryGateResult {
  outcomes: RecordedCheckOutcome[];
  failed: RegulatoryCheckOutcome[];
  record: RegulatoryRecord;
  /** What a check passed by overrides takes from them: `settleOverrides` consumes it. */
  uses: OverrideUse[];
  /** With uses: the refusal as it stands without the overrides, for when a use is lost to another. */
  refusal?: RegulatoryGateResult;
}

const paise = (rupees: string) => {
  const v = scaledDecimal(rupees, 2);
  if (v === null) throw new RangeError(`${rupees} is not an amount in rupees`);
  return v;
};

const OVERRIDDEN_SUBJECTS: readonly RegulatoryGateInput['subjectType'][] = ['ORDER', 'BID'];

/**
 * The checks of domain/compliance on a context: an FPI buy against the free national limit of its
 * category (the published utilisation plus BondX's net FPI purchases since its publication date,
 * read only for FPIs), the short-sale limit, and the participant's configured position limit. A
 * refusal that the participant's live compliance overrides lift passes, with the uses to consume
 * (read only when something was refused). Nothing is recorded or consumed here.
 */
export async function evaluateRegulatoryChecks(
  pg: Pool,
  ctx: GateContext,
  input: RegulatoryGateInput,
): Promise<RegulatoryGateResult> {
  const category = fpiCategoryOfBond(ctx.bond_type);
  const isFpi = ctx.kind === 'FPI';
  const now = new Date();
  const fpi = isFpi
    ? (await loadFpiLimitsInForce(pgRunner(pg), istDate(now), now)).find((l) => l.category === category)
    : undefined;
  const faceValuePaise = paise(input.faceValue);
  const checked = checkRegulatory(
    { side: input.side, faceValuePaise },
    {
      isFpi,
      fpi,
      positionPaise: paise(ctx.position),
      outstandingPaise: paise(ctx.outstanding),
      liquid: isLiquidSecurity(ctx.bond_type),
      positionLimitPaise: ctx.max_long_paise === null ? undefined : BigInt(ctx.max_long_paise),
      maxShortPaise: ctx.max_short_paise === null ? undefined : BigInt(ctx.max_short_paise),
    },
  );
  const result = (outcomes: RecordedCheckOutcome[], uses: OverrideUse[]): RegulatoryGateResult => {
    const failed = outcomes.filter((o) => !o.passed);
    return {
      outcomes,
      failed,
      uses,
      record: {
        subjectType: input.subjectType,
        participantId: input.participantId,
        bondId: input.bondId,
        side: input.side,
        faceValuePaise: faceValuePaise.toString(),
        isFpi,
        fpiCategory: isFpi ? category : null,
        passed: !failed.length,
        reasons: failed.length ? failed.map((o) => o.reason).join(',') : null,
        overridden: uses.length > 0,
        outcomes: JSON.stringify(outcomes),
      },
    };
  };
  const plain = result(checked.outcomes, []);
  // Overrides lift orders and bids; an RFQ is checked at quote and again at acceptance, and is not overridden.
  if (!plain.failed.length || !OVERRIDDEN_SUBJECTS.includes(input.subjectType)) return plain;
  const grants = await loadLiveOverrides(
    pg,
    input.participantId,
    plain.failed.map((o) => o.check),
  );
  const lifted = applyCheckOverrides(
    checked.outcomes,
    grants,
    { participantId: input.participantId, bondId: input.bondId, fpiCategory: category, faceValuePaise },
    now,
  );
  return lifted.passed ? { ...result(lifted.outcomes, lifted.uses), refusal: plain } : plain;
}

/** The columns of regulatory_check_records a record fills, in RegulatoryRecord order. */
export const REGULATORY_RECORD_COLUMNS =
  'subject_type, participant_id, bond_id, side, face_value_paise, is_fpi, fpi_category, passed, reasons, overridden, outcomes';

export const regulatoryRecordValues = (r: RegulatoryRecord) => [
  r.subjectType,
  r.participantId,
  r.bondId,
  r.side,
  r.faceValuePaise,
  r.isFpi,
  r.fpiCategory,
  r.passed,
  r.reasons,
  r.overridden,
  r.outcomes,
];

export async function recordRegulatoryCheck(client: SqlClient, record: RegulatoryRecord): Promise<void> {
  await client.query(
    `insert into regulatory_check_records (${REGULATORY_RECORD_COLUMNS})
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    regulatoryRecordValues(record),
  );
}

async function gateContext(pg: Pool, input: RegulatoryGateInput): Promise<GateContext> {
  const { rows } = await pg.query<GateContext>(
    `select ${GATE_CONTEXT_COLUMNS} from participants p, bonds b where p.id = $1 and b.id = $2`,
    [input.participantId, input.bondId],
  );
  const ctx = rows[0];
  if (!ctx) throw new RangeError(`participant ${input.participantId} or bond ${input.bondId} not found`);
  return ctx;
}

/** Every outcome of the checks, recorded (the FPI report's evidence), and those that failed; nothing is thrown. */
export async function runRegulatoryChecks(
  pg: Pool,
  input: RegulatoryGateInput,
): Promise<RegulatoryGateResult> {
  const result = await evaluateRegulatoryChecks(pg, await gateContext(pg, input), input);
  await recordRegulatoryCheck(pg, result.record);
  return result;
}

/**
 * Consumes what a check passed by overrides takes from them, on the caller's transaction `tx` (then an
 * order or bid that fails later gives it back) or on one of its own. When another use took what was
 * left first, the check is refused after all: the refusal is recorded on the pool (it outlives the
 * caller's rollback), told to `onRefused` and thrown.
 */
export async function settleOverrides(
  pg: Pool,
  input: RegulatoryGateInput,
  result: RegulatoryGateResult,
  onRefused?: (result: RegulatoryGateResult) => void,
  tx?: SqlClient,
): Promise<void> {
  if (!result.uses.length) return;
  const consume = (client: SqlClient) => consumeOverrideUses(client, result.uses, input);
  try {
    await (tx ? consume(tx) : inTransaction(pg, consume));
  } catch (err) {
    if (!(err instanceof OverrideUnavailableError)) throw err;
    await refuseRegulatoryChecks(pg, input, result.refusal!, onRefused);
  }
}

/** A refusal: recorded, told to `onRefused` (which must not block) and thrown as the 422 problem. */
export async function refuseRegulatoryChecks(
  pg: Pool,
  input: RegulatoryGateInput,
  refusal: RegulatoryGateResult,
  onRefused?: (result: RegulatoryGateResult) => void,
): Promise<never> {
  await recordRegulatoryCheck(pg, refusal.record);
  onRefused?.(refusal);
  throw regulatoryProblem(input.field, refusal);
}

/**
 * The pre-trade regulatory checks of an order or a bid: a refusal is recorded, told to `onRefused`
 * (which must not block) and thrown as a 422 problem with the reason code; a pass is recorded,
 * unless overrides passed it: then the caller settles them (`settleOverrides`) and records it in its
 * own transaction.
 */
export async function enforceRegulatoryChecks(
  pg: Pool,
  input: RegulatoryGateInput,
  onRefused?: (result: RegulatoryGateResult) => void,
): Promise<RegulatoryGateResult> {
  const result = await evaluateRegulatoryChecks(pg, await gateContext(pg, input), input);
  if (result.failed.length) return refuseRegulatoryChecks(pg, input, result, onRefused);
  if (!result.uses.length) await recordRegulatoryCheck(pg, result.record);
  return result;
}

const problemType = (failed: RegulatoryCheckOutcome[]) =>
  `/errors/regulatory/${failed[0]!.reason!.toLowerCase().replace(/_/g, '-')}`;

/** The 422 refusal of the caller's own order, bid, quote or acceptance, with every figure. */
export function regulatoryProblem(
  field: string,
  { outcomes, failed }: Pick<RegulatoryGateResult, 'outcomes' | 'failed'>,
): Problem {
  return new Problem(
    422,
    problemType(failed),
    'Rejected by the regulatory checks',
    failed.map((o) => o.message).join('; '),
    failed.map((o) => ({ field, message: o.message })),
    {},
    { reason: failed[0]!.reason, reasons: failed.map((o) => o.reason), checks: outcomes },
  );
}

/**
 * The 422 refusal when the counterparty's side fails (an RFQ dealer's, at acceptance): the reason
 * codes only, never the counterparty's positions or figures.
 */
export function counterpartyRegulatoryProblem(
  field: string,
  { failed }: Pick<RegulatoryGateResult, 'failed'>,
): Problem {
  const reasons = failed.map((o) => o.reason);
  const detail = `The counterparty's side of this trade fails the pre-trade regulatory checks (${reasons.join(', ')}).`;
  return new Problem(
    422,
    problemType(failed),
    'Rejected by the regulatory checks',
    detail,
    [{ field, message: detail }],
    {},
    { reason: reasons[0], reasons, party: 'COUNTERPARTY' },
  );
}
