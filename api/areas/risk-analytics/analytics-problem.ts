import { BondAnalyticsError } from '../../../domain/bonds';
import { RiskError } from '../../../domain/risk';
import { problems } from '../../http/problem';

/**
 * Runs pure analytics and turns the domain's input errors (BondAnalyticsError, RiskError, each with a
 * stable `code` and the offending `field`) into a 422 naming the request field. `fieldNames` maps the
 * domain's internal names (`days`, `covariance`) onto the request's.
 */
export function withAnalyticsErrors<T>(
  compute: () => T,
  fieldNames: Readonly<Record<string, string>> = {},
): T {
  try {
    return compute();
  } catch (err) {
    if (err instanceof BondAnalyticsError || err instanceof RiskError) {
      const field = err.field === undefined ? '' : (fieldNames[err.field] ?? err.field);
      throw problems.validation([{ field, message: `${err.message} (${err.code})` }]);
    }
    throw err;
  }
}
