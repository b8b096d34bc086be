/** The surveillance rules; each states its thresholds in surveillance-thresholds.ts. */
export const SURVEILLANCE_RULES = ['OFF_FAIR_VALUE', 'WASH_TRADE', 'LAYERING', 'UNUSUAL_VOLUME'] as const;
export type SurveillanceRule = (typeof SURVEILLANCE_RULES)[number];
