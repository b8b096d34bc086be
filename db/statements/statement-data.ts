import type { EntityManager } from '@mikro-orm/postgresql';
import { parseCivilDate } from '../../domain/bonds/civil-date';
import type { CouponFrequency } from '../../domain/bonds/types';
import { buildStatement, type StatementInput } from '../../domain/statements/statement';

// A statement's days are India's: [from 00:00 IST, to + 1 00:00 IST).
const START = `(?::date)::timestamp at time zone 'Asia/Kolkata'`;
const END = `(?::date + 1)::timestamp at time zone 'Asia/Kolkata'`;

/** Reads what a participant's statement for [from, to] shows, from the ledger and the trades. */
export async function loadStatementInput(
  em: EntityManager,
  participantId: number,
  from: string,
  to: string,
  generatedAt: Date,
): Promise<StatementInput> {
  const balances = await em.execute<{ asset: string; opening: string; closing: string }[]>(
    `select e.asset, coalesce(sum(e.amount) filter (where j.posted_at < ${START}), 0)::text as opening,
            sum(e.amount)::text as closing
       from ledger_entries e join ledger_journals j on j.id = e.journal_id
      where e.participant_id = ? and j.posted_at < ${END}
      group by e.asset order by e.asset`,
    [from, participantId, to],
  );
  const trades = await em.execute<Record<string, unknown>[]>(
    `select t.id, t.executed_at, b.isin, b.code, t.price::text as price, t.quantity::text as quantity,
            t.execution_mechanism::text as mechanism,
            case when t.buyer_participant_id = ? then 'BUY' else 'SELL' end as side,
            t.executed_at >= ${START} as in_period
       from trades t join bonds b on b.id = t.bond_id
      where (t.buyer_participant_id = ? or t.seller_participant_id = ?) and t.executed_at < ${END}
      order by t.executed_at, t.id`,
    [participantId, from, participantId, participantId, to],
  );
  const movements = await em.execute<Record<string, unknown>[]>(
    `select j.reference, j.kind, j.posted_at, json_agg(json_build_object('asset', e.asset, 'amount', e.amount::text)
            order by e.asset) as lines
       from ledger_journals j join ledger_entries e on e.journal_id = j.id and e.participant_id = ?
      where j.posted_at >= ${START} and j.posted_at < ${END}
      group by j.id order by j.posted_at, j.id`,
    [participantId, from, to],
  );
  const fees = await em.execute<Record<string, unknown>[]>(
    `select f.trade_id, f.side, b.isin, f.charged_at, f.consideration::text as consideration, f.rate_bp::text as rate_bp,
            f.minimum::text as minimum, f.amount::text as amount, f.journal_reference
       from trade_fees f join trades t on t.id = f.trade_id join bonds b on b.id = t.bond_id
      where f.participant_id = ? and f.charged_at >= ${START} and f.charged_at < ${END}
      order by f.charged_at, f.id`,
    [participantId, from, to],
  );
  const held = balances.filter((b) => b.asset !== 'INR' && Number(b.closing) !== 0);
  const isins = [...new Set([...held.map((h) => h.asset), ...trades.map((t) => t.isin as string)])];
  const bonds = isins.length
    ? await em.execute<Record<string, unknown>[]>(
        `select b.isin, b.code, b.coupon_pct::text as coupon_pct, b.maturity_date::text as maturity_date,
                b.coupon_frequency, b.day_count,
                coalesce((select t.price::text from trades t where t.bond_id = b.id and t.executed_at < ${END}
                           order by t.executed_at desc limit 1), b.reference_price::text) as mark
           from bonds b where b.isin in (${isins.map(() => '?').join(', ')})`,
        [to, ...isins],
      )
    : [];
  const bondOf = new Map(bonds.map((b) => [b.isin as string, b]));
  const cash = balances.find((b) => b.asset === 'INR');
  return {
    participantId,
    from,
    to,
    generatedAt: generatedAt.toISOString(),
    cash: { opening: cash?.opening ?? '0', closing: cash?.closing ?? '0' },
    holdings: held.map((h) => {
      const b = bondOf.get(h.asset);
      const frequency = Number(b?.coupon_frequency ?? 0);
      return {
        isin: h.asset,
        code: (b?.code as string | undefined) ?? h.asset,
        quantity: h.closing,
        markPrice: (b?.mark as string | null | undefined) ?? null,
        terms:
          b && frequency > 0
            ? {
                couponPct: Number(b.coupon_pct),
                maturity: parseCivilDate(b.maturity_date as string),
                frequency: frequency as CouponFrequency,
                dayCount: b.day_count as never,
              }
            : null,
      };
    }),
    trades: trades.map((t) => ({
      tradeId: t.id as string,
      executedAt: new Date(t.executed_at as string).toISOString(),
      isin: t.isin as string,
      code: t.code as string,
      side: t.side as 'BUY' | 'SELL',
      price: t.price as string,
      quantity: t.quantity as string,
      mechanism: t.mechanism as string,
      inPeriod: t.in_period as boolean,
    })),
    movements: movements.map((m) => ({
      reference: m.reference as string,
      kind: m.kind as string,
      postedAt: new Date(m.posted_at as string).toISOString(),
      lines: m.lines as { asset: string; amount: string }[],
    })),
    fees: fees.map((f) => ({
      tradeId: f.trade_id as string,
      side: f.side as 'BUY' | 'SELL',
      isin: f.isin as string,
      chargedAt: new Date(f.charged_at as string).toISOString(),
      consideration: f.consideration as string,
      rateBp: f.rate_bp as string,
      minimum: f.minimum as string,
      amount: f.amount as string,
      journalReference: f.journal_reference as string,
    })),
    marks: Object.fromEntries(bonds.map((b) => [b.isin as string, (b.mark as string | null) ?? null])),
  };
}

export async function participantStatement(
  em: EntityManager,
  participantId: number,
  from: string,
  to: string,
  generatedAt = new Date(),
) {
  return buildStatement(await loadStatementInput(em, participantId, from, to, generatedAt));
}
