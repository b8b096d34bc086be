import { z } from 'zod';
import {
  ORDER_STATUSES,
  ORDER_TYPE_NAMES,
  SESSION_NAMES,
  SIDE_NAMES,
  STP_MODE_NAMES,
  TIME_IN_FORCE_NAMES,
} from '../../../domain/trading';
import { EXECUTION_MECHANISMS } from '../../../domain/rfq/execution-mechanism';
import { TRADE_SETTLEMENT_STATUSES, TRADE_STATUSES } from '../../../domain/settlement/trade-states';
import { averagePriceField, bondIdField } from '../risk-portfolios/position-fields';

export const TRADING_TAG = 'Trading';

/** Rupees of face value, positive; lot multiples are a pre-trade check against the bond. */
export const orderQuantityField = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(
    z.string().regex(/^\d{1,18}(\.\d{1,2})?$/, {
      message: 'rupees of face value with at most 18 digits and 2 decimals',
      abort: true,
    }),
  )
  .refine((s) => Number(s) > 0, 'must be greater than 0');

export const priceField = averagePriceField;
export { bondIdField };

export const orderIdParams = z.object({ order_id: z.uuid() });
export const bondParams = z.object({ bond_id: bondIdField });

export const orderBody = z.object({
  participant_id: z.number().int().positive().optional(),
  bond_id: bondIdField,
  side: z.enum(SIDE_NAMES),
  order_type: z.enum(ORDER_TYPE_NAMES).default('LIMIT'),
  quantity: orderQuantityField,
  price: priceField.optional(),
  stop_price: priceField.optional(),
  display_quantity: orderQuantityField.optional(),
  time_in_force: z.enum(TIME_IN_FORCE_NAMES).default('DAY'),
  expire_time: z.iso.datetime({ offset: true }).optional(),
  post_only: z.boolean().default(false),
  stp_mode: z.enum(STP_MODE_NAMES).optional().meta({ description: "Defaults to the participant's setting" }),
  client_order_id: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,64}$/, 'at most 64 letters, digits and . _ : -')
    .optional(),
});
export type OrderBody = z.infer<typeof orderBody>;

export const modifyBody = z
  .object({
    quantity: orderQuantityField
      .optional()
      .meta({ description: 'New TOTAL quantity, filled part included (FIX)' }),
    price: priceField.optional(),
    stop_price: priceField.optional(),
  })
  .refine((b) => b.quantity ?? b.price ?? b.stop_price, 'give quantity, price or stop_price');

export const orderSchema = z.object({
  order_id: z.uuid(),
  client_order_id: z.string().nullable(),
  participant_id: z.number().int(),
  user_id: z.number().int(),
  bond_id: z.string(),
  isin: z.string(),
  side: z.enum(SIDE_NAMES),
  order_type: z.enum(ORDER_TYPE_NAMES),
  time_in_force: z.enum(TIME_IN_FORCE_NAMES),
  price: z.string().nullable(),
  stop_price: z.string().nullable(),
  quantity: z.string(),
  display_quantity: z.string().nullable(),
  post_only: z.boolean(),
  stp_mode: z.enum(STP_MODE_NAMES),
  expire_time: z.string().nullable(),
  filled_quantity: z.string(),
  remaining_quantity: z.string(),
  status: z.enum(ORDER_STATUSES).meta({
    description:
      'PENDING_NEW until the matching worker has applied it; fills follow on the WebSocket and here',
  }),
  reject_reason: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const levelSchema = z.object({ price: z.string(), quantity: z.string(), orders: z.number().int() });
export const orderBookSchema = z.object({
  bond_id: z.string(),
  isin: z.string(),
  session: z.enum(SESSION_NAMES),
  halted: z.boolean(),
  sequence: z.number().int(),
  last_price: z.string().nullable(),
  bids: z.array(levelSchema),
  asks: z.array(levelSchema),
  updated_at: z.string().nullable(),
});

export const tradeSchema = z.object({
  trade_id: z.uuid(),
  bond_id: z.string(),
  isin: z.string(),
  order_id: z.uuid().nullable().meta({ description: 'Your order; null for an off-book (RFQ) trade' }),
  execution_mechanism: z.enum(EXECUTION_MECHANISMS),
  rfq_id: z.string().nullable(),
  side: z.enum(SIDE_NAMES),
  price: z.string(),
  quantity: z.string(),
  aggressor: z.boolean().nullable(),
  executed_at: z.string(),
  sequence: z
    .number()
    .int()
    .nullable()
    .meta({ description: "The bond's engine sequence; null off the book" }),
  status: z.enum(TRADE_STATUSES).meta({ description: 'BUSTED or CORRECTED after an approved correction' }),
  settlement_date: z.string().nullable(),
  settlement_status: z.enum(TRADE_SETTLEMENT_STATUSES),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), next_cursor: z.string().nullable() });
