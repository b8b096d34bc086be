import { istDate, settlementStartMs } from '../../../domain/auctions/settlement-date';

describe('settlement dates', () => {
  test('when an instant is after 18:30 UTC, then its IST date is the next day', () => {
    expect(istDate(Date.parse('2026-11-23T18:29:59.999Z'))).toBe('2026-11-23');
    expect(istDate(Date.parse('2026-11-23T18:30:00.000Z'))).toBe('2026-11-24');
  });

  test('when settlement starts, then it is 09:00 IST on the settlement date', () => {
    expect(new Date(settlementStartMs('2026-11-24')).toISOString()).toBe('2026-11-24T03:30:00.000Z');
  });
});
