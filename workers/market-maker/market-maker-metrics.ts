import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export function marketMakerMetrics(registry: Registry) {
  const registers = [registry];
  return {
    running: new Gauge({
      name: 'bondx_mm_running',
      help: '1 while the market maker is RUNNING and quoting',
      registers,
    }),
    inventory: new Gauge({
      name: 'bondx_mm_inventory',
      help: 'Inventory (face value, long positive) by bond',
      labelNames: ['bond'],
      registers,
    }),
    quotePrice: new Gauge({
      name: 'bondx_mm_quote_price',
      help: 'Live quote price by bond and side',
      labelNames: ['bond', 'side'],
      registers,
    }),
    pnl: new Gauge({
      name: 'bondx_mm_pnl_rupees',
      help: "P&L marked at fair value: realised and unrealised since the first fill; today's (daily = daily_realised + daily_unrealised) and within it the carry, the overnight inventory revalued from its start-of-day mark",
      labelNames: ['kind'],
      registers,
    }),
    dv01: new Gauge({ name: 'bondx_mm_dv01_rupees', help: 'Rupees per bp over the whole book', registers }),
    orders: new Counter({
      name: 'bondx_mm_orders_total',
      help: 'Orders sent by action and outcome',
      labelNames: ['action', 'outcome'],
      registers,
    }),
    fills: new Counter({
      name: 'bondx_mm_fills_total',
      help: 'Fills seen on the trading WebSocket',
      labelNames: ['bond'],
      registers,
    }),
    halts: new Counter({
      name: 'bondx_mm_halts_total',
      help: 'Stops at a hard limit',
      labelNames: ['limit'],
      registers,
    }),
    cycle: new Histogram({
      name: 'bondx_mm_cycle_seconds',
      help: 'Time of one quoting cycle over every bond',
      registers,
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
    }),
  };
}

export type MarketMakerMetrics = ReturnType<typeof marketMakerMetrics>;
