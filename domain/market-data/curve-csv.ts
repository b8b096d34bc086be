import { InvalidDateError } from '../bonds/errors';
import { parseCivilDate } from '../bonds/civil-date';
import { MalformedCurveCsvError } from './errors';
import { parseTenorHeader, type Tenor } from './tenor';
import { parseYieldUnits } from './yield-values';

/**
 * One date of a curve. `yields[i]` belongs to `tenors[i]` of the history, in units of 0.0001%
 * (see yield-values.ts); `null` means no value was published for that tenor that day. Gaps are
 * kept as they are: nothing here fills, carries forward or interpolates them.
 */
export interface CurveObservation {
  readonly date: string;
  readonly yields: ReadonlyArray<number | null>;
}

/** A curve history: tenors in ascending order, observations in strictly ascending date order. */
export interface CurveHistory {
  readonly tenors: readonly Tenor[];
  readonly observations: readonly CurveObservation[];
}

/**
 * Reads `date,<tenor>,<tenor>...` followed by one line per date (`YYYY-MM-DD` and a percent yield
 * with at most 4 decimals, or an empty cell, per tenor). Refuses, with the line and column, any
 * header that is not `date` plus ascending distinct tenors, a row with the wrong number of cells,
 * a date that is not a calendar date or not after the previous row's, and a value that is not a
 * plain decimal. A final newline, CRLF line ends and a leading byte-order mark are accepted.
 */
export function parseCurveCsv(text: string): CurveHistory {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const cellsOf = (line: string) => line.replace(/\r$/, '').split(',');

  const header = cellsOf(lines[0] ?? '');
  if (header[0] !== 'date') {
    throw new MalformedCurveCsvError(`the header must start with "date", found "${header[0]}"`, 1, 1);
  }
  if (header.length < 2) throw new MalformedCurveCsvError('the header names no tenor', 1, 2);
  const tenors = header.slice(1).map((label, i) => parseTenorHeader(label, 1, i + 2));
  tenors.forEach((tenor, i) => {
    const previous = tenors[i - 1];
    if (previous && tenor.months <= previous.months) {
      throw new MalformedCurveCsvError(
        `tenor ${tenor.label} must be longer than the tenor before it (${previous.label})`,
        1,
        i + 2,
      );
    }
  });

  const observations: CurveObservation[] = [];
  let previousDate = '';
  let previousLine = 0;
  for (let index = 1; index < lines.length; index++) {
    const lineNumber = index + 1;
    const cells = cellsOf(lines[index] as string);
    if (cells.length !== header.length) {
      throw new MalformedCurveCsvError(
        `expected ${header.length} cells, found ${cells.length}`,
        lineNumber,
        Math.min(cells.length, header.length) + 1,
      );
    }
    const date = cells[0] as string;
    try {
      parseCivilDate(date);
    } catch (err) {
      if (!(err instanceof InvalidDateError)) throw err;
      throw new MalformedCurveCsvError(`"${date}" is not a date in YYYY-MM-DD form`, lineNumber, 1);
    }
    if (date <= previousDate) {
      const what = date === previousDate ? 'repeats the date' : 'is before the date';
      throw new MalformedCurveCsvError(
        `${date} ${what} on line ${previousLine} (${previousDate}); dates must be strictly ascending`,
        lineNumber,
        1,
      );
    }
    const yields = cells.slice(1).map((cell, i) => {
      if (cell === '') return null;
      const units = parseYieldUnits(cell);
      if (units === undefined) {
        throw new MalformedCurveCsvError(
          `"${cell}" (${tenors[i]?.label}) is not a yield in percent with at most 4 decimals`,
          lineNumber,
          i + 2,
        );
      }
      return units;
    });
    observations.push({ date, yields });
    previousDate = date;
    previousLine = lineNumber;
  }
  return { tenors, observations };
}

/** How many values (non-empty cells) a history holds: the number of stored points. */
export function countCurveValues(history: CurveHistory): number {
  let n = 0;
  for (const o of history.observations) for (const y of o.yields) if (y !== null) n++;
  return n;
}
