import type { Logger } from 'pino';
import {
  computeQuotes,
  firstLimitBreach,
  needsRefresh,
  quoteClientOrderId,
  volatilityBp,
  type LimitBreach,
  type QuoteSide,
} from '../../domain/market-making';
import { ApiError, type ApiClient } from './api-client';
import type { MarketMakerMetrics } from './market-maker-metrics';

interface BondConfig {
  bond_id: string;
  enabled: boolean;
  quote_size: string;
  max_inventory: string;
  base_spread_bp: string;
  volatility_multiplier: string;
  thin_book_spread_bp: string;
  inventory_skew_bp: string;
  refresh_threshold_bp: string;
}

interface Status {
  status: 'RUNNING' | 'STOPPED' | 'HALTED';
  max_dv01: string;
  max_daily_loss: string;
  bonds: BondConfig[];
}

interface Positions {
  day_start: string;
  items: { bond_id: string; inventory: string; dv01: string }[];
  total: {
    realised_pnl: string;
    unrealised_pnl: string;
    daily_pnl: string;
    daily_realised_pnl: string;
    daily_unrealised_pnl: string;
    carry_pnl: string;
    dv01: string;
  };
}

interface Level {
  price: string;
  quantity: string;
}

type Side = 'BUY' | 'SELL';
interface PlacedSide extends QuoteSide {
  orderId: string;
}
interface BondState {
  fairYields: number[];
  placed: { fairYieldPct: number; bid: PlacedSide | null; ask: PlacedSide | null } | null;
  /** A fill since the last quotes: requote whatever the threshold says. */
  filled: boolean;
  terms?: { tickSize: number; lotSize: number };
}

/** Fair-yield samples kept per bond for the volatility term (one per cycle). */
const VOLATILITY_WINDOW = 30;

export interface EngineDeps {
  api: ApiClient;
  log: Logger;
  metrics: MarketMakerMetrics;
  cycleMs: number;
  halt(breach: LimitBreach, evidence: Record<string, unknown>): Promise<void>;
}

/**
 * One market maker's quoting loop. Every cycle (and at once after a fill) it reads its status,
 * limits and configuration, its inventory and P&L, each bond's fair value and book, all through the
 * API, and keeps one bid and one offer per enabled bond, replacing them when fair value moves past
 * the threshold, after a fill, or when the inventory changes their size. At a hard limit it withdraws
 * every quote and halts.
 */
export class MarketMakerEngine {
  private readonly bonds = new Map<string, BondState>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private sequence = 0;

  constructor(private readonly deps: EngineDeps) {}

  async start(): Promise<void> {
    await this.cancelLeftovers();
    this.timer = setInterval(() => this.trigger(), this.deps.cycleMs);
    this.trigger();
  }

  /** Withdraws every quote and waits for the cycle in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    try {
      await this.withdrawAll();
    } catch (err) {
      // The API may be stopping too; quotes left behind are withdrawn at the next start.
      this.deps.log.warn({ err }, 'could not withdraw every quote while stopping');
    }
  }

  /**
   * A fill of a quote still standing forces a requote. One of a quote a cycle has already replaced
   * does not: that cycle read the inventory with the fill in it.
   */
  onFill(bondCode: string, orderId: string): void {
    this.deps.metrics.fills.inc({ bond: bondCode });
    const s = this.bonds.get(bondCode);
    const placed = s?.placed;
    if (s && (!placed || placed.bid?.orderId === orderId || placed.ask?.orderId === orderId)) s.filled = true;
    this.trigger();
  }

  /** Runs a cycle now, or once more right after the one in flight: cycles never overlap. */
  private trigger(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.cycle()
      .catch((err) => this.deps.log.error({ err }, 'market maker cycle failed'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.trigger();
        }
      });
  }

  private async cycle(): Promise<void> {
    const end = this.deps.metrics.cycle.startTimer();
    try {
      await this.quoteAll();
    } finally {
      end();
    }
  }

  private async quoteAll(): Promise<void> {
    const { api, metrics } = this.deps;
    const status = (await api.request('GET', '/api/v1/trading/market-making')) as Status;
    metrics.running.set(status.status === 'RUNNING' ? 1 : 0);
    if (status.status !== 'RUNNING') {
      await this.withdrawAll();
      return;
    }
    const positions = (await api.request('GET', '/api/v1/trading/market-making/positions')) as Positions;
    const inventoryOf = (code: string) =>
      Number(positions.items.find((p) => p.bond_id === code)?.inventory ?? 0);
    for (const p of positions.items) metrics.inventory.set({ bond: p.bond_id }, Number(p.inventory));
    const total = positions.total;
    for (const [kind, value] of [
      ['realised', total.realised_pnl],
      ['unrealised', total.unrealised_pnl],
      ['daily', total.daily_pnl],
      ['daily_realised', total.daily_realised_pnl],
      ['daily_unrealised', total.daily_unrealised_pnl],
      ['carry', total.carry_pnl],
    ] as const)
      metrics.pnl.set({ kind }, Number(value));
    metrics.dv01.set(Number(total.dv01));
    const breach = firstLimitBreach({
      inventories: status.bonds.map((b) => ({
        bondCode: b.bond_id,
        inventory: inventoryOf(b.bond_id),
        maxInventory: Number(b.max_inventory),
      })),
      dv01: Number(total.dv01),
      maxDv01: Number(status.max_dv01),
      dailyPnl: Number(total.daily_pnl),
      carryPnl: Number(total.carry_pnl),
      maxDailyLoss: Number(status.max_daily_loss),
    });
    if (breach) {
      await this.withdrawAll();
      metrics.halts.inc({ limit: breach.limit });
      await this.deps.halt(breach, { day_start: positions.day_start, positions: positions.items, total });
      return;
    }
    const enabled = new Set(status.bonds.filter((b) => b.enabled).map((b) => b.bond_id));
    for (const code of this.bonds.keys()) if (!enabled.has(code)) await this.withdraw(code);
    for (const config of status.bonds) {
      if (!config.enabled || this.stopped) continue;
      try {
        await this.quoteBond(config, inventoryOf(config.bond_id));
      } catch (err) {
        this.deps.log.warn({ err, bond: config.bond_id }, 'could not quote bond');
      }
    }
  }

  private state(code: string): BondState {
    let s = this.bonds.get(code);
    if (!s) this.bonds.set(code, (s = { fairYields: [], placed: null, filled: false }));
    return s;
  }

  private async quoteBond(config: BondConfig, inventory: number): Promise<void> {
    const { api } = this.deps;
    const code = config.bond_id;
    const s = this.state(code);
    if (!s.terms) {
      const bond = (await api.request('GET', `/api/v1/bonds/${code}`)) as {
        tick_size: string;
        lot_size: string;
      };
      s.terms = { tickSize: Number(bond.tick_size), lotSize: Number(bond.lot_size) };
    }
    const [fair, book] = (await Promise.all([
      api.request('GET', `/api/v1/analytics/fair-value/${code}`),
      api.request('GET', `/api/v1/trading/market-data/${code}?depth=10`),
    ])) as [
      { fair_price: string; fair_yield_pct: number; pv01: number },
      { session: string; halted: boolean; bids: Level[]; asks: Level[] },
    ];
    if (book.halted || book.session !== 'CONTINUOUS') {
      await this.withdraw(code);
      return;
    }
    s.fairYields.push(fair.fair_yield_pct);
    if (s.fairYields.length > VOLATILITY_WINDOW) s.fairYields.shift();
    // Depth other participants show: the book minus what our own quotes still rest there.
    const depth = (levels: Level[], own: PlacedSide | null | undefined) =>
      Math.max(0, levels.reduce((a, l) => a + Number(l.quantity), 0) - (own?.quantity ?? 0));
    const wanted = computeQuotes(
      {
        quoteSize: Number(config.quote_size),
        maxInventory: Number(config.max_inventory),
        baseSpreadBp: Number(config.base_spread_bp),
        volatilityMultiplier: Number(config.volatility_multiplier),
        thinBookSpreadBp: Number(config.thin_book_spread_bp),
        inventorySkewBp: Number(config.inventory_skew_bp),
      },
      {
        fairPrice: Number(fair.fair_price),
        pv01: fair.pv01,
        volatilityBp: volatilityBp(s.fairYields),
        bidDepth: depth(book.bids, s.placed?.bid),
        askDepth: depth(book.asks, s.placed?.ask),
        inventory,
        tickSize: s.terms.tickSize,
        lotSize: s.terms.lotSize,
      },
    );
    if (
      !s.filled &&
      !needsRefresh(s.placed, fair.fair_yield_pct, wanted, Number(config.refresh_threshold_bp))
    )
      return;
    s.filled = false;
    const bid = await this.replace(code, 'BUY', s.placed?.bid ?? null, wanted.bid);
    const ask = await this.replace(code, 'SELL', s.placed?.ask ?? null, wanted.ask);
    s.placed = { fairYieldPct: fair.fair_yield_pct, bid, ask };
    this.deps.log.info(
      {
        bond: code,
        fair: fair.fair_price,
        inventory,
        bid,
        ask,
        half_spread_bp: wanted.halfSpreadBp,
        skew_bp: wanted.skewBp,
      },
      'quotes refreshed',
    );
  }

  /** Cancels the old order of a side and places the new one (a cancel-replace through the API). */
  private async replace(code: string, side: Side, old: PlacedSide | null, wanted: QuoteSide | null) {
    if (old) await this.cancel(old.orderId);
    const label = side === 'BUY' ? 'bid' : 'ask';
    if (!wanted) {
      this.deps.metrics.quotePrice.remove({ bond: code, side: label });
      return null;
    }
    try {
      const order = (await this.deps.api.request('POST', '/api/v1/trading/orders', {
        bond_id: code,
        side,
        order_type: 'LIMIT',
        time_in_force: 'DAY',
        quantity: String(wanted.quantity),
        price: wanted.price.toFixed(4),
        client_order_id: quoteClientOrderId(code, label, Date.now(), ++this.sequence),
      })) as { order_id: string };
      this.deps.metrics.orders.inc({ action: 'place', outcome: 'accepted' });
      this.deps.metrics.quotePrice.set({ bond: code, side: label }, wanted.price);
      return { ...wanted, orderId: order.order_id };
    } catch (err) {
      this.deps.metrics.orders.inc({ action: 'place', outcome: 'rejected' });
      this.deps.log.warn({ err, bond: code, side, wanted }, 'quote refused');
      return null;
    }
  }

  private async cancel(orderId: string): Promise<void> {
    try {
      await this.deps.api.request('DELETE', `/api/v1/trading/orders/${orderId}`);
      this.deps.metrics.orders.inc({ action: 'cancel', outcome: 'accepted' });
    } catch (err) {
      // Already filled or cancelled: nothing is left to withdraw.
      if (!(err instanceof ApiError) || (err.status !== 404 && err.status !== 409)) throw err;
      this.deps.metrics.orders.inc({ action: 'cancel', outcome: 'gone' });
    }
  }

  private async withdraw(code: string): Promise<void> {
    const s = this.bonds.get(code);
    if (!s?.placed) return;
    for (const side of [s.placed.bid, s.placed.ask]) if (side) await this.cancel(side.orderId);
    this.deps.metrics.quotePrice.remove({ bond: code, side: 'bid' });
    this.deps.metrics.quotePrice.remove({ bond: code, side: 'ask' });
    s.placed = null;
  }

  private async withdrawAll(): Promise<void> {
    for (const code of this.bonds.keys()) await this.withdraw(code);
  }

  /** Quotes a previous run left open (a crash, a kill) are withdrawn before quoting anew. */
  private async cancelLeftovers(): Promise<void> {
    const open = (await this.deps.api.request('GET', '/api/v1/trading/market-making/quotes')) as {
      items: { order_id: string }[];
    };
    for (const o of open.items) await this.cancel(o.order_id);
  }
}
