import { decimalText, positiveDecimalText } from '../../../api/http/decimal-text';

describe('decimal text fields', () => {
  it('when a number or string fits the decimals, then it passes as its exact text', () => {
    expect(decimalText(4, 'a percentage').parse(7.18)).toBe('7.18');
    expect(decimalText(2, 'rupees').parse('955.03')).toBe('955.03');
  });

  it('when a float artefact or too many decimals arrive, then they are refused, not rounded', () => {
    const r = decimalText(4, 'a percentage').safeParse(0.1 + 0.2);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('a percentage with at most 4 decimals');
  });

  it('when digits are bounded, then one more digit is refused and the message names both limits', () => {
    const q = decimalText(2, 'rupees', { signed: true, maxDigits: 3 });
    expect(q.parse('-999.99')).toBe('-999.99');
    const r = q.safeParse('1000');
    expect(r.error?.issues[0]?.message).toBe('rupees with at most 3 digits and 2 decimals');
  });

  it('when unsigned, then a minus is refused; positive refuses zero', () => {
    expect(decimalText(2, 'rupees').safeParse('-1').success).toBe(false);
    expect(positiveDecimalText(2, 'rupees').safeParse('0.00').success).toBe(false);
    expect(positiveDecimalText(2, 'rupees').parse('0.01')).toBe('0.01');
  });
});
