import { z } from 'zod';
import { PORTFOLIO_KINDS, type Portfolio, type Position } from '../../../db/entities';
import { positionMarketValue } from '../../../domain/portfolios/position-value';
import { fixedDecimal } from '../../http/decimal-json';

export const portfolioJson = (p: Portfolio) => ({
  portfolio_id: p.id,
  participant_id: p.participant.id,
  name: p.name,
  kind: p.kind,
  base_currency: p.baseCurrency,
  description: p.description ?? null,
  created_by: p.createdBy ?? null,
  created_at: p.createdAt.toISOString(),
  updated_at: p.updatedAt.toISOString(),
  version: p.version,
});

/** Needs `bond` loaded. */
export const positionJson = (pos: Position) => ({
  bond_id: pos.bond.code,
  isin: pos.bond.isin,
  code: pos.bond.code,
  name: pos.bond.name,
  quantity: fixedDecimal(pos.quantity, 2),
  average_price: fixedDecimal(pos.averagePrice, 4),
  reference_price: fixedDecimal(pos.bond.referencePrice, 4),
  market_value: positionMarketValue(pos.quantity, pos.bond.referencePrice),
  updated_at: pos.updatedAt.toISOString(),
  version: pos.version,
});

export const portfolioDetailsJson = (p: Portfolio, positions: Position[]) => ({
  ...portfolioJson(p),
  positions: positions.map(positionJson),
});

export const portfolioSchema = z
  .object({
    portfolio_id: z.number().int(),
    participant_id: z.number().int(),
    name: z.string(),
    kind: z.enum(PORTFOLIO_KINDS).meta({
      description:
        "HOUSE: the participant's own book, one per member, kept by the venue (positions will follow fills and allotments) and read-only through this API. WHAT_IF: a hypothetical book the client edits.",
    }),
    base_currency: z.literal('INR'),
    description: z.string().nullable(),
    created_by: z.number().int().nullable().meta({ description: 'User id; null for HOUSE portfolios' }),
    created_at: z.string(),
    updated_at: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Portfolio' });

export const positionSchema = z
  .object({
    bond_id: z.string(),
    isin: z.string(),
    code: z.string(),
    name: z.string(),
    quantity: z.string().meta({ description: 'Rupees of face value; negative for a short' }),
    average_price: z.string().nullable().meta({ description: 'Clean price per 100' }),
    reference_price: z.string().nullable(),
    market_value: z.string().nullable().meta({
      description:
        'quantity x reference price / 100 in rupees, half-up to the paisa; null when the bond has no reference price',
    }),
    updated_at: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Position' });

export const portfolioDetailsSchema = portfolioSchema
  .extend({ positions: z.array(positionSchema) })
  .meta({ id: 'PortfolioDetails' });
