import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { COUPON_FREQUENCIES, DAY_COUNTS, type DayCount } from '../../../domain/reference-data/bond-types';
import { Problem, problems, type FieldError } from '../../http/problem';
import { findBond } from '../bonds/find-bond';
import { decimalText, positiveDecimalText } from '../../http/decimal-text';
import { todayUtc } from './analytics-fields';

const TERM_FIELDS = ['coupon_pct', 'maturity_date', 'frequency', 'day_count', 'face_value'] as const;

export const bondMetricsBody = z
  .object({
    isin: z.string().min(1).max(32).optional().meta({
      description: 'ISIN or short code of a listed bond; its terms are then read from the bonds table.',
    }),
    coupon_pct: decimalText(4, 'a percentage')
      .refine((s) => Number(s) < 100, 'must be below 100')
      .optional(),
    maturity_date: z.iso.date().optional(),
    settlement_date: z.iso.date().optional().meta({ description: 'Defaults to today (UTC).' }),
    frequency: z
      .union(COUPON_FREQUENCIES.map((f) => z.literal(f)) as never as [z.ZodLiteral<number>])
      .optional()
      .meta({ description: 'Coupons a year; 0 is a zero-coupon T-bill (coupon 0, ACT/365F).' }),
    day_count: z.enum(DAY_COUNTS).optional(),
    face_value: positiveDecimalText(2, 'rupees').optional(),
    clean_price: positiveDecimalText(6, 'a price per 100').optional(),
    yield_pct: decimalText(6, 'a percentage', { signed: true }).optional(),
  })
  .meta({
    id: 'BondMetricsRequest',
    description:
      'Either the terms (coupon_pct, maturity_date, frequency, day_count, face_value) or isin, never both; ' +
      'and exactly one of clean_price and yield_pct.',
  });
export type BondMetricsBody = z.infer<typeof bondMetricsBody>;

/** The terms the metrics were computed from, whichever way they were given. */
export interface ResolvedBondMetricsInput {
  bond: { bond_id: string; isin: string; name: string } | null;
  coupon_pct: string;
  maturity_date: string;
  settlement_date: string;
  frequency: number;
  day_count: DayCount;
  face_value: string;
  clean_price: string | null;
  yield_pct: string | null;
}

function shapeErrors(body: BondMetricsBody): FieldError[] {
  const errors: FieldError[] = [];
  const hasPrice = body.clean_price !== undefined;
  const hasYield = body.yield_pct !== undefined;
  if (!hasPrice && !hasYield) {
    errors.push({
      field: 'clean_price',
      message: 'give exactly one of clean_price and yield_pct (neither was given)',
    });
  } else if (hasPrice && hasYield) {
    errors.push({ field: 'yield_pct', message: 'give exactly one of clean_price and yield_pct, not both' });
  }
  for (const field of TERM_FIELDS) {
    if (body.isin !== undefined && body[field] !== undefined) {
      errors.push({ field, message: 'not allowed with isin: the terms come from the bond' });
    } else if (body.isin === undefined && body[field] === undefined) {
      errors.push({ field, message: 'is required unless isin is given' });
    }
  }
  if (body.isin === undefined && body.frequency === 0) {
    if (body.coupon_pct !== undefined && Number(body.coupon_pct) !== 0) {
      errors.push({ field: 'coupon_pct', message: 'a zero-coupon bill (frequency 0) has coupon 0' });
    }
    if (body.day_count !== undefined && body.day_count !== 'ACT/365F') {
      errors.push({ field: 'day_count', message: 'a zero-coupon bill (frequency 0) is priced on ACT/365F' });
    }
  }
  return errors;
}

/** Checks the combination of fields and, for `isin`, reads the bond's terms from the table. */
export async function resolveBondMetricsInput(
  em: EntityManager,
  body: BondMetricsBody,
): Promise<ResolvedBondMetricsInput> {
  const errors = shapeErrors(body);
  if (errors.length) throw problems.validation(errors);
  const settlement_date = body.settlement_date ?? todayUtc();
  const given = { clean_price: body.clean_price ?? null, yield_pct: body.yield_pct ?? null };
  if (body.isin === undefined) {
    return {
      bond: null,
      coupon_pct: body.coupon_pct!,
      maturity_date: body.maturity_date!,
      settlement_date,
      frequency: body.frequency!,
      day_count: body.day_count!,
      face_value: body.face_value!,
      ...given,
    };
  }
  const bond = await findBond(em, body.isin).catch((err: unknown) => {
    if (err instanceof Problem && err.status === 404) {
      throw problems.validation([{ field: 'isin', message: 'no listed bond has this ISIN or short code' }]);
    }
    throw err;
  });
  if (settlement_date < bond.issueDate) {
    throw problems.validation([
      { field: 'settlement_date', message: `is before the bond's issue date ${bond.issueDate}` },
    ]);
  }
  return {
    bond: { bond_id: bond.code, isin: bond.isin, name: bond.name },
    coupon_pct: bond.couponPct,
    maturity_date: bond.maturityDate,
    settlement_date,
    frequency: bond.couponFrequency,
    day_count: bond.dayCount,
    face_value: bond.faceValue,
    ...given,
  };
}
