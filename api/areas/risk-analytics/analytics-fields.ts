import { z } from 'zod';

/** `confidence_level` is a fraction strictly between 0 and 1 (CONVENTIONS.md), kept as exact text. */
export const confidenceLevel = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(
    z
      .string()
      .regex(/^0\.\d{1,10}$/, 'a fraction such as 0.95, strictly between 0 and 1, at most 10 decimals')
      .refine((s) => Number(s) > 0, 'must lie strictly between 0 and 1'),
  )
  .meta({ description: 'A fraction: 0.95 means 95%.', example: 0.95 });

/** Today's date in UTC as YYYY-MM-DD: the default settlement date. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
