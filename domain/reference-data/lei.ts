// ISO 17442: 18 alphanumerics then 2 check digits, valid when the whole, read as ISO 7064 MOD 97-10, is 1.
const LEI_SHAPE = /^[A-Z0-9]{18}[0-9]{2}$/;

function mod97(alnum: string): number {
  let rem = 0;
  for (const ch of alnum) {
    const v = /[0-9]/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of v) rem = (rem * 10 + Number(d)) % 97;
  }
  return rem;
}

export function leiCheckDigits(first18: string): string {
  return String(98 - mod97(`${first18}00`)).padStart(2, '0');
}

export function isValidLei(lei: string): boolean {
  return LEI_SHAPE.test(lei) && mod97(lei) === 1;
}
