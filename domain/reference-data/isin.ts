// ISO 6166: 2-letter country, 9 alphanumerics, 1 check digit (Luhn over the letters expanded to numbers).
const ISIN_SHAPE = /^[A-Z]{2}[A-Z0-9]{9}[0-9]$/;

export function isinCheckDigit(first11: string): number {
  const digits = [...first11].map((ch) => (/[0-9]/.test(ch) ? ch : String(ch.charCodeAt(0) - 55))).join('');
  let sum = 0;
  // Luhn from the rightmost digit of the expanded string, doubling every other one starting there.
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = Number(digits[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidIsin(isin: string): boolean {
  return ISIN_SHAPE.test(isin) && isinCheckDigit(isin.slice(0, 11)) === Number(isin[11]);
}

/** Shaped like an ISIN (any case), whatever its check digit: such an identifier is meant as one. */
export function looksLikeIsin(id: string): boolean {
  return ISIN_SHAPE.test(id.toUpperCase());
}
