/**
 * The market maker names every order it places `mm-...`: that is how its quotes and fills are told
 * apart from the rest of its participant's orders, and its quotes kept out of the fair-value curve.
 */
export const MM_ORDER_PREFIX = 'mm-';

/** A quote's client_order_id: unique per process run by its sequence, within the 64-character limit. */
export function quoteClientOrderId(
  bondCode: string,
  label: 'bid' | 'ask',
  atMs: number,
  sequence: number,
): string {
  return `${MM_ORDER_PREFIX}${bondCode}-${label}-${atMs}-${sequence}`.slice(0, 64);
}
