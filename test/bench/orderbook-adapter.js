'use strict';
/**
 * BondX matching engine on the shared order-book yardstick (/work/shared/bench/orderbook/bench.js).
 * Full event output: every event reaches a sink that counts it and folds its fields into a
 * checksum, so no event is skipped or optimised away. Build first: `npx tsc -p tsconfig.build.json`.
 *
 * Mapping: limit = GTC LIMIT, market = MARKET IOC (remainder cancelled). Each limit order gets
 * its own participant (its id) and markets participant 0, so self-trade prevention, which the
 * yardstick does not have, never fires but is still checked on every fill.
 */
const path = require('node:path');
const { OrderBook, OrderType, TimeInForce, Session, newOrder } = require(
  path.join(__dirname, '../../dist/domain/trading/index.js'),
);

class CountingSink {
  constructor() {
    this.count = 0;
    this.trades = 0;
    this.checksum = 0;
  }
  accepted(id) {
    this.count++;
    this.checksum = (this.checksum + id) | 0;
  }
  rejected(id, reason) {
    this.count++;
    this.checksum = (this.checksum + id + reason) | 0;
  }
  trade(maker, taker, price, qty, aggressor) {
    this.count++;
    this.trades++;
    this.checksum = (this.checksum + maker + taker + price + qty + aggressor) | 0;
  }
  partiallyFilled(id, filled, leaves) {
    this.count++;
    this.checksum = (this.checksum + id + filled + leaves) | 0;
  }
  filled(id, filled) {
    this.count++;
    this.checksum = (this.checksum + id + filled) | 0;
  }
  replaced(id, price, qty, leaves) {
    this.count++;
    this.checksum = (this.checksum + id + price + qty + leaves) | 0;
  }
  cancelled(id, qty, reason) {
    this.count++;
    this.checksum = (this.checksum + id + qty + reason) | 0;
  }
  expired(id, qty) {
    this.count++;
    this.checksum = (this.checksum + id + qty) | 0;
  }
  triggered(id) {
    this.count++;
    this.checksum = (this.checksum + id) | 0;
  }
  level(side, price, qty) {
    this.count++;
    this.checksum = (this.checksum + side + price + qty) | 0;
  }
  sessionChanged(session, halted) {
    this.count++;
    this.checksum = (this.checksum + session + (halted ? 1 : 0)) | 0;
  }
}

module.exports = {
  name: 'bondx-order-book',
  create() {
    const sink = new CountingSink();
    const book = new OrderBook(sink, { session: Session.CONTINUOUS });
    const limitCmd = newOrder({ id: 0, side: 0, qty: 1, type: OrderType.LIMIT, tif: TimeInForce.GTC });
    const marketCmd = newOrder({ id: 0, side: 0, qty: 1, type: OrderType.MARKET, tif: TimeInForce.IOC });
    let marketId = 0;
    return {
      sink,
      limit(side, id, price, size) {
        limitCmd.id = id;
        limitCmd.participant = id;
        limitCmd.side = side;
        limitCmd.price = price;
        limitCmd.qty = size;
        return book.submit(limitCmd);
      },
      market(side, size) {
        marketCmd.id = --marketId;
        marketCmd.side = side;
        marketCmd.qty = size;
        return book.submit(marketCmd);
      },
      cancel(id) {
        return book.cancel(id);
      },
      summary() {
        const s = book.summary();
        return {
          restingOrders: s.restingOrders,
          bidLevels: s.bidLevels,
          askLevels: s.askLevels,
          bidQty: s.bidQty,
          askQty: s.askQty,
          bestBid: s.bestBid,
          bestAsk: s.bestAsk,
        };
      },
    };
  },
};
