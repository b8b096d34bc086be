import { parseCivilDate } from '../bonds/civil-date';
import { InvalidDateError } from '../bonds/errors';
import { MalformedHolidayCsvError } from './errors';

export interface Holiday {
  readonly date: string;
  readonly name: string;
}

/**
 * Reads `date,name` and one line per holiday (`YYYY-MM-DD`, a name of 1-200 characters; a name
 * containing commas may be quoted with double quotes). Refuses, with the line, any other header, a
 * date that is not a calendar date, an empty or overlong name and a date listed twice. Blank lines,
 * CRLF line ends and a byte-order mark are accepted. Rows come back in date order.
 */
export function parseHolidayCsv(text: string): Holiday[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .map((l) => l.replace(/\r$/, ''));
  if (lines[0]?.trim().toLowerCase() !== 'date,name') {
    throw new MalformedHolidayCsvError(`the header must be "date,name", found "${lines[0] ?? ''}"`, 1);
  }
  const seen = new Set<string>();
  const holidays: Holiday[] = [];
  lines.slice(1).forEach((line, i) => {
    const lineNo = i + 2;
    if (line.trim() === '') return;
    const comma = line.indexOf(',');
    if (comma < 0) throw new MalformedHolidayCsvError('expected "date,name"', lineNo);
    const date = line.slice(0, comma).trim();
    const name = unquote(line.slice(comma + 1).trim());
    try {
      parseCivilDate(date);
    } catch (err) {
      if (err instanceof InvalidDateError) throw new MalformedHolidayCsvError(err.message, lineNo);
      throw err;
    }
    if (name.length < 1 || name.length > 200) {
      throw new MalformedHolidayCsvError('the name must be 1-200 characters', lineNo);
    }
    if (seen.has(date)) throw new MalformedHolidayCsvError(`${date} is listed twice`, lineNo);
    seen.add(date);
    holidays.push({ date, name });
  });
  return holidays.sort((a, b) => (a.date < b.date ? -1 : 1));
}

function unquote(cell: string): string {
  return cell.length >= 2 && cell.startsWith('"') && cell.endsWith('"')
    ? cell.slice(1, -1).replace(/""/g, '"')
    : cell;
}
