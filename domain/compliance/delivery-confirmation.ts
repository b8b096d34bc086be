/** How a delivery the reporting platform took as pending is polled, in seconds. */
export interface ConfirmSchedule {
  /** The first wait; each next one doubles, up to `maxPollSeconds`. */
  pollSeconds: number;
  maxPollSeconds: number;
  /** Unconfirmed this long after delivery, it has failed. */
  timeoutSeconds: number;
}

/** A delivery confirmed at once, or pending with the schedule to poll it on. */
export type ReportDelivery = { pending: false } | { pending: true; confirm: ConfirmSchedule };
