import type { EntityManager } from '@mikro-orm/postgresql';
import type { Bond } from '../entities';
import {
  correctionPositionMoves,
  restatedHolding,
  type CorrectedTerms,
  type PositionTrade,
} from '../../domain/settlement';
import { adjustHousePosition } from './house-position';

export interface RestatedTrade extends CorrectedTerms {
  id: string;
  buyerId: number;
  sellerId: number;
}

/**
 * Moves both sides' HOUSE positions for a trade that is busted or closed out (`corrected` null) or
 * corrected: each position becomes what replaying the participant's live trades in the bond gives with
 * this one left out or changed (exact average price), when those trades explain it; otherwise its
 * quantity moves and its average is kept. Call it while the trade still has its old terms and status.
 */
export async function restateHousePositions(
  em: EntityManager,
  bond: Bond,
  trade: RestatedTrade,
  corrected: CorrectedTerms | null,
): Promise<void> {
  const moves = correctionPositionMoves(trade, corrected);
  for (const participantId of [...new Set([trade.buyerId, trade.sellerId])]) {
    const current = await em.execute<{ id: number; quantity: string; average_price: string | null }[]>(
      `select p.id, p.quantity::text as quantity, p.average_price::text as average_price from positions p
         join portfolios f on f.id = p.portfolio_id and f.kind = 'HOUSE'
        where f.participant_id = ? and p.bond_id = ? for update of p`,
      [participantId, bond.id],
    );
    const trades = await em.execute<
      { id: string; buyer_participant_id: number; price: string; quantity: string }[]
    >(
      `select id, buyer_participant_id, price::text as price, quantity::text as quantity from trades
        where bond_id = ? and (buyer_participant_id = ? or seller_participant_id = ?)
          and status <> 'BUSTED' and settlement_status not in ('CLOSED_OUT', 'CANCELLED')
        order by executed_at, sequence, id`,
      [bond.id, participantId, participantId],
    );
    const history: PositionTrade[] = trades.map((t) => ({
      tradeId: t.id,
      side: t.buyer_participant_id === participantId ? 'BUY' : 'SELL',
      price: t.price,
      quantity: t.quantity,
    }));
    const holding = current[0]
      ? { quantity: current[0].quantity, averagePrice: current[0].average_price }
      : { quantity: '0', averagePrice: null };
    const restated =
      trade.buyerId === trade.sellerId ? null : restatedHolding(holding, history, trade.id, corrected);
    if (!restated) {
      for (const m of moves.filter((m) => m.participantId === participantId))
        await adjustHousePosition(em, participantId, bond, Number(m.delta), m.price);
      continue;
    }
    if (Number(restated.quantity) === 0) {
      if (current[0]) await em.execute('delete from positions where id = ?', [current[0].id]);
      continue;
    }
    await em.execute(
      `insert into positions (portfolio_id, bond_id, quantity, average_price)
       select p.id, ?, ?, ? from portfolios p where p.participant_id = ? and p.kind = 'HOUSE'
       on conflict (portfolio_id, bond_id) do update set quantity = excluded.quantity,
         average_price = excluded.average_price, version = positions.version + 1, updated_at = now()`,
      [bond.id, restated.quantity, restated.averagePrice, participantId],
    );
  }
}
