/** How a trade came about: on the order book, or off it by request for quote. */
export const EXECUTION_MECHANISMS = ['CONTINUOUS', 'RFQ'] as const;
export type ExecutionMechanism = (typeof EXECUTION_MECHANISMS)[number];
