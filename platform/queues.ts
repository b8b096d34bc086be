/** BullMQ queue names, shared by producers (API) and consumers (workers). */
export const QUEUES = {
  riskRecompute: 'risk-recompute',
} as const;
