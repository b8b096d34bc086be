import {
  currentUtilisedPaise,
  FPI_CATEGORIES,
  type FpiCategory,
  type PublishedFpiLimit,
} from '../regulatory-checks';
import type { ReportTrade } from './report-trade';

export interface FpiHolding {
  participantCode: string;
  /** SEBI FPI registration number, when held. */
  fpiRegistration: string | null;
  category: FpiCategory;
  holdingPaise: bigint;
}

/** One recorded pre-trade FPI limit check (an order or a bid). */
export interface FpiCheckEvidence {
  participantCode: string;
  category: FpiCategory;
  passed: boolean;
  reason?: string;
  /** Passed by a compliance override despite failing. */
  overridden: boolean;
}

export interface FpiUtilisationInput {
  date: string;
  /** National limits and utilisation as published (the uploaded CSV), with BondX's FPI flows since. */
  limits: readonly PublishedFpiLimit[];
  trades: readonly ReportTrade[];
  holdings: readonly FpiHolding[];
  checks: readonly FpiCheckEvidence[];
}

const isFpi = (category: string) => category === 'FPI';

interface Flow {
  buys: bigint;
  sells: bigint;
  holdings: bigint;
}

const flowJson = (f: Flow) => ({
  bondx_buys_paise: f.buys.toString(),
  bondx_sells_paise: f.sells.toString(),
  bondx_net_paise: (f.buys - f.sells).toString(),
  bondx_holdings_paise: f.holdings.toString(),
});

/**
 * The RBI FPI utilisation report for a day: per category the published national limit and its
 * utilisation, BondX's net FPI purchases since the publication date and the utilisation with them
 * (on which the utilisation and free limit are computed), beside BondX's FPI buys, sells, net and holdings; the same per FPI; and the evidence
 * of the pre-trade checks (checked, passed, rejected by reason, overridden).
 */
export function buildFpiUtilisationReport(input: FpiUtilisationInput) {
  const byCategory = new Map<FpiCategory, Flow>(
    FPI_CATEGORIES.map((c) => [c, { buys: 0n, sells: 0n, holdings: 0n }]),
  );
  const byFpi = new Map<
    string,
    Flow & { participantCode: string; fpiRegistration: string | null; category: FpiCategory }
  >();
  const fpiFlow = (p: { participantCode: string; fpiRegistration: string | null }, category: FpiCategory) => {
    const key = `${p.participantCode}|${category}`;
    let f = byFpi.get(key);
    if (!f)
      byFpi.set(key, (f = { ...p, fpiRegistration: null, category, buys: 0n, sells: 0n, holdings: 0n }));
    f.fpiRegistration ??= p.fpiRegistration;
    return f;
  };
  for (const t of input.trades) {
    if (isFpi(t.buyer.category)) {
      byCategory.get(t.fpiCategory)!.buys += t.quantityPaise;
      fpiFlow(t.buyer, t.fpiCategory).buys += t.quantityPaise;
    }
    if (isFpi(t.seller.category)) {
      byCategory.get(t.fpiCategory)!.sells += t.quantityPaise;
      fpiFlow(t.seller, t.fpiCategory).sells += t.quantityPaise;
    }
  }
  for (const h of input.holdings) {
    byCategory.get(h.category)!.holdings += h.holdingPaise;
    fpiFlow(h, h.category).holdings += h.holdingPaise;
  }
  const limits = new Map(input.limits.map((l) => [l.category, l]));
  const categories = FPI_CATEGORIES.map((category) => {
    const l = limits.get(category);
    const limit = l?.limitPaise ?? null;
    const utilised = l ? currentUtilisedPaise(l) : null;
    return {
      category,
      published_as_of: l?.asOf ?? null,
      limit_paise: limit?.toString() ?? null,
      national_utilised_paise: l ? l.utilisedPaise.toString() : null,
      bondx_net_since_publication_paise: l ? (l.bondxNetSincePaise ?? 0n).toString() : null,
      utilised_paise: utilised?.toString() ?? null,
      utilisation_bps: limit && utilised !== null ? ((utilised * 10_000n) / limit).toString() : null,
      free_paise: limit !== null && utilised !== null ? (limit - utilised).toString() : null,
      ...flowJson(byCategory.get(category)!),
    };
  });
  const fpis = [...byFpi.values()]
    .sort(
      (a, b) => a.participantCode.localeCompare(b.participantCode) || a.category.localeCompare(b.category),
    )
    .map((f) => ({
      participant_code: f.participantCode,
      fpi_registration: f.fpiRegistration,
      category: f.category,
      ...flowJson(f),
    }));
  const rejected: Record<string, number> = {};
  for (const c of input.checks.filter((c) => !c.passed)) {
    const reason = c.reason ?? 'UNSPECIFIED';
    rejected[reason] = (rejected[reason] ?? 0) + 1;
  }
  const total = (pick: (f: Flow) => bigint) =>
    [...byCategory.values()].reduce((s, f) => s + pick(f), 0n).toString();
  return {
    categories,
    fpis,
    evidence: {
      checked: input.checks.length,
      passed: input.checks.filter((c) => c.passed).length,
      rejected_by_reason: rejected,
      overridden: input.checks.filter((c) => c.overridden).length,
    },
    control: {
      report_date: input.date,
      category_count: categories.length,
      fpi_row_count: fpis.length,
      total_buys_paise: total((f) => f.buys),
      total_sells_paise: total((f) => f.sells),
      total_holdings_paise: total((f) => f.holdings),
    },
  };
}
