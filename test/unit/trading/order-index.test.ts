import fc from 'fast-check';
import { OrderIndex } from '../../../domain/trading/order-index';
import { RestingOrder } from '../../../domain/trading/resting-order';

function order(id: number, seq: number): RestingOrder {
  const o = new RestingOrder();
  o.id = id;
  o.seq = seq;
  return o;
}

describe('order index', () => {
  it('when ids are added and deleted in any order, then lookups agree with a Map', () => {
    // A narrow id range forces re-adds, long probe runs and backward shifts; the wide one covers
    // negative and beyond-32-bit ids.
    const id = fc.oneof(
      fc.integer({ min: 0, max: 3000 }),
      fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), id), { maxLength: 3000, size: 'max' }), (steps) => {
        const index = new OrderIndex();
        const model = new Map<number, RestingOrder>();
        let seq = 0;
        for (const [add, k] of steps) {
          if (add && !model.has(k)) {
            const o = order(k, ++seq);
            index.add(k, o);
            model.set(k, o);
          } else {
            index.delete(k);
            model.delete(k);
          }
          if (index.get(k) !== model.get(k)) throw new Error(`lookup of ${k} disagrees`);
        }
        expect(index.size).toBe(model.size);
        for (const [k, o] of model) expect(index.get(k)).toBe(o);
        expect(index.values()).toEqual([...model.values()].sort((a, b) => a.seq - b.seq));
      }),
      { numRuns: 50 },
    );
  });
});
