import { DomainError } from '../domain-error';

/** Base of every calendar error. */
export abstract class CalendarError extends DomainError {}

/** A holiday file that cannot be read as written; `line` is 1-based (line 1 is the header). */
export class MalformedHolidayCsvError extends CalendarError {
  readonly code = 'MALFORMED_HOLIDAY_CSV';

  constructor(
    readonly reason: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${reason}`, 'body');
  }
}

export class InvalidBusinessDayCountError extends CalendarError {
  readonly code = 'INVALID_BUSINESS_DAY_COUNT';
}
