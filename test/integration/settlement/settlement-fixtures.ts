import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Bond } from '../../../db/entities';
import { postJournal } from '../../../db/ledger/post-journal';
import { adjustHousePosition } from '../../../db/portfolios/house-position';
import { CASH_ASSET, type JournalLine } from '../../../domain/ledger/journal';

/**
 * Fresh participants, bonds and trades of a test's own, written the way the system writes them:
 * opening balances as ledger journals from the venue, trades as the matching worker inserts them
 * (the trigger sets the settlement date) with both HOUSE positions moved.
 */
export class SettlementFixtures {
  private static seq = 0;
  private readonly tag = `${process.pid.toString(36)}${Date.now().toString(36)}`.toUpperCase().slice(-8);

  constructor(private readonly orm: MikroORM) {}

  private em = () => this.orm.em.fork() as EntityManager;
  private next = () => ++SettlementFixtures.seq;

  async participant(name: string): Promise<number> {
    const rows = await this.em().execute<{ id: number }[]>(
      `insert into participants (code, name, kind, domicile) values (?, ?, 'BANK', 'DOMESTIC') returning id`,
      [`S${this.tag}${this.next()}`.slice(0, 32), `Settlement test ${name}`],
    );
    await this.em().execute(
      `insert into portfolios (participant_id, name, kind) values (?, 'House', 'HOUSE')`,
      [rows[0]!.id],
    );
    return rows[0]!.id;
  }

  /** Cash and securities delivered from the venue operator, in one balanced journal. */
  async fund(participantId: number, cash: string | null, holdings: [string, string][] = []): Promise<void> {
    const em = this.em();
    const venue = (
      await em.execute<{ id: number }[]>(
        'select id from participants where is_venue_operator order by id limit 1',
      )
    )[0]!.id;
    const lines: JournalLine[] = [
      ...(cash
        ? [
            { participantId, asset: CASH_ASSET, amount: cash },
            { participantId: venue, asset: CASH_ASSET, amount: `-${cash}` },
          ]
        : []),
      ...holdings.flatMap(([isin, q]) => [
        { participantId, asset: isin, amount: q },
        { participantId: venue, asset: isin, amount: `-${q}` },
      ]),
    ];
    await em.transactional((tx) =>
      postJournal(tx, {
        reference: `test:fund:${participantId}:${this.next()}`,
        kind: 'TEST_FUNDING',
        description: 'test funding',
        lines,
      }),
    );
  }

  async bond(type: 'G_SEC' | 'CORPORATE', settlementDays = 1, maturity = '2034-04-08'): Promise<Bond> {
    const n = this.next();
    const isin = `IT${this.tag}${String(n).padStart(2, '0')}`.slice(0, 12);
    await this.em().execute(
      `insert into bonds (isin, code, name, issuer, issuer_type, bond_type, coupon_pct, issue_date, maturity_date, coupon_frequency,
                          day_count, face_value, lot_size, tick_size, outstanding_amount, settlement_days)
       values (?, ?, ?, 'Test issuer', ?, ?, '7.1000', '1995-04-08', ?, 2, ?, '100.00', '10000.00', '0.0025', '100000000000.00', ?)`,
      [
        isin,
        `ST${this.tag}${n}`,
        `Settlement test ${type} ${n}`,
        type === 'CORPORATE' ? 'CORPORATE' : 'CENTRAL_GOVERNMENT',
        type,
        maturity,
        '30/360',
        settlementDays,
      ],
    );
    return this.em().findOneOrFail(Bond, { isin });
  }

  /** A trade as the matching worker writes it, executed at `executedAt`; returns its id. */
  async trade(
    bond: Bond,
    buyer: number,
    seller: number,
    price: string,
    quantity: string,
    executedAt: string,
  ): Promise<string> {
    const em = this.em();
    const user = (await em.execute<{ id: number }[]>('select id from users order by id limit 1'))[0]!.id;
    const orderId = async (participant: number, side: 'BUY' | 'SELL') => {
      const id = randomUUID();
      await em.execute(
        `insert into orders (id, engine_id, participant_id, user_id, bond_id, side, order_type, time_in_force, price, quantity, stp_mode, filled_quantity, status)
         values (?, (select coalesce(max(engine_id), 0) + 1000000 from orders), ?, ?, ?, ?, 'LIMIT', 'DAY', ?, ?, 'CANCEL_INCOMING', ?, 'FILLED')`,
        [id, participant, user, bond.id, side, price, quantity, quantity],
      );
      return id;
    };
    const id = randomUUID();
    const buy = await orderId(buyer, 'BUY');
    const sell = await orderId(seller, 'SELL');
    await em.transactional(async (tx) => {
      await tx.execute(
        `insert into trades (id, bond_id, sequence, buy_order_id, sell_order_id, buyer_participant_id, seller_participant_id, price, quantity, executed_at)
         values (?, ?, (select coalesce(max(sequence), 0) + 1 from trades where bond_id = ?), ?, ?, ?, ?, ?, ?, ?)`,
        [id, bond.id, bond.id, buy, sell, buyer, seller, price, quantity, executedAt],
      );
      await adjustHousePosition(tx, buyer, bond, Number(quantity), price);
      await adjustHousePosition(tx, seller, bond, -Number(quantity), null);
    });
    return id;
  }

  async cash(participantId: number): Promise<{ balance: string; blocked: string }> {
    const rows = await this.em().execute<{ balance: string; blocked: string }[]>(
      'select balance::text as balance, blocked::text as blocked from cash_accounts where participant_id = ?',
      [participantId],
    );
    return rows[0] ?? { balance: '0.00', blocked: '0.00' };
  }

  async holding(participantId: number, isin: string): Promise<string> {
    const rows = await this.em().execute<{ quantity: string }[]>(
      'select quantity::text as quantity from security_holdings where participant_id = ? and isin = ?',
      [participantId, isin],
    );
    return rows[0]?.quantity ?? '0.00';
  }

  async blockedHolding(participantId: number, isin: string): Promise<string> {
    const rows = await this.em().execute<{ blocked: string }[]>(
      'select blocked::text as blocked from security_holdings where participant_id = ? and isin = ?',
      [participantId, isin],
    );
    return rows[0]?.blocked ?? '0.00';
  }

  async position(participantId: number, bondId: number): Promise<string> {
    const rows = await this.em().execute<{ quantity: string }[]>(
      `select p.quantity::text as quantity from positions p join portfolios f on f.id = p.portfolio_id
        where f.participant_id = ? and f.kind = 'HOUSE' and p.bond_id = ?`,
      [participantId, bondId],
    );
    return rows[0]?.quantity ?? '0';
  }

  async tradeRow(id: string) {
    return (
      await this.em().execute<
        {
          settlement_date: string;
          settlement_status: string;
          settlement_rolls: number;
          status: string;
          version: number;
          price: string;
          quantity: string;
        }[]
      >(
        `select settlement_date::text as settlement_date, settlement_status, settlement_rolls, status, version, price::text as price, quantity::text as quantity from trades where id = ?`,
        [id],
      )
    )[0]!;
  }
}
