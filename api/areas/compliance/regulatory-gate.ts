import type { Pool } from 'pg';
import {
  checkRegulatory,
  type FpiCategory,
  type FpiLimitPosition,
} from '../../../domain/compliance/regulatory-checks';
import { fpiCategoryOfBond, isLiquidSecurity, scaledDecimal } from '../../../domain/compliance/reporting';
import { istDate } from '../../../domain/compliance/reports/report-values';
import type { BondType } from '../../../domain/reference-data/bond-types';
import { Problem } from '../../http/problem';

export interface RegulatoryGateInput {
  subjectType: 'ORDER' | 'BID';
  participantId: number;
  bondId: number;
  side: 'BUY' | 'SELL';
  /** Rupees of face value, as decimal text. */
  faceValue: string;
  /** The request field the amount came from, named in a refusal. */
  field: string;
}

interface GateContext {
  kind: string;
  bond_type: BondType;
  outstanding: string;
  position: string;
  limits: { category: FpiCategory; limit_paise: string | null; utilised_paise: string }[] | null;
}

const paise = (rupees: string) => {
  const v = scaledDecimal(rupees, 2);
  if (v === null) throw new RangeError(`${rupees} is not an amount in rupees`);
  return v;
};

/**
 * The pre-trade regulatory checks of an order or a bid (domain/compliance checkRegulatory): an FPI
 * buy against the free national limit of its category, the short-sale limit, and any position
 * limit. Every outcome, passed or not, is recorded in `regulatory_check_records` (the FPI report's
 * evidence) before a refusal is thrown as a 422 problem with the reason code.
 */
export async function enforceRegulatoryChecks(pg: Pool, input: RegulatoryGateInput): Promise<void> {
  const { rows } = await pg.query<GateContext>(
    `select p.kind, b.bond_type, b.outstanding_amount::text as outstanding,
            coalesce((select pos.quantity from positions pos
                        join portfolios pf on pf.id = pos.portfolio_id and pf.kind = 'HOUSE'
                       where pf.participant_id = p.id and pos.bond_id = b.id), 0)::text as position,
            (select json_agg(json_build_object('category', l.category, 'limit_paise', l.limit_paise::text,
                                               'utilised_paise', l.utilised_paise::text))
               from (select distinct on (category) * from fpi_national_limits
                      where as_of <= $3 order by category, as_of desc) l) as limits
       from participants p, bonds b where p.id = $1 and b.id = $2`,
    [input.participantId, input.bondId, istDate(new Date())],
  );
  const ctx = rows[0];
  if (!ctx) throw new RangeError(`participant ${input.participantId} or bond ${input.bondId} not found`);
  const category = fpiCategoryOfBond(ctx.bond_type);
  const published = ctx.limits?.find((l) => l.category === category);
  const fpi: FpiLimitPosition | undefined = published && {
    category,
    limitPaise: published.limit_paise === null ? null : BigInt(published.limit_paise),
    utilisedPaise: BigInt(published.utilised_paise),
  };
  const isFpi = ctx.kind === 'FPI';
  const faceValuePaise = paise(input.faceValue);
  const result = checkRegulatory(
    { side: input.side, faceValuePaise },
    {
      isFpi,
      fpi,
      positionPaise: paise(ctx.position),
      outstandingPaise: paise(ctx.outstanding),
      liquid: isLiquidSecurity(ctx.bond_type),
    },
  );
  const failed = result.outcomes.filter((o) => !o.passed);
  await pg.query(
    `insert into regulatory_check_records (subject_type, participant_id, bond_id, side, face_value_paise, is_fpi,
                                           fpi_category, passed, reasons, outcomes)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      input.subjectType,
      input.participantId,
      input.bondId,
      input.side,
      faceValuePaise.toString(),
      isFpi,
      isFpi ? category : null,
      result.passed,
      failed.length ? failed.map((o) => o.reason).join(',') : null,
      JSON.stringify(result.outcomes),
    ],
  );
  if (!result.passed) {
    throw new Problem(
      422,
      `/errors/regulatory/${failed[0]!.reason!.toLowerCase().replace(/_/g, '-')}`,
      'Rejected by the regulatory checks',
      failed.map((o) => o.message).join('; '),
      failed.map((o) => ({ field: input.field, message: o.message })),
      {},
      { reason: failed[0]!.reason, reasons: failed.map((o) => o.reason), checks: result.outcomes },
    );
  }
}
