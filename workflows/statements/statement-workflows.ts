import { proxyActivities } from '@temporalio/workflow';

/** Declared here as types only, so workflow code never imports the module that does the I/O. */
export interface StatementActivities {
  /** The India business date the run covers (yesterday's close when it runs after midnight). */
  statementDate(): Promise<string>;
  /** Member participants (not the venue operator). */
  statementParticipants(): Promise<number[]>;
  /** Builds and stores one participant's statement for the date; stored ones are kept. */
  storeDailyStatement(participantId: number, date: string): Promise<boolean>;
}

const acts = proxyActivities<StatementActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1s', maximumInterval: '30s' },
});

/**
 * The daily statement run (Schedule `daily-statements`): one stored statement per member for the
 * day. Each participant is its own activity, so a failure retries that one alone and a rerun skips
 * what is stored.
 */
export async function dailyStatementsWorkflow(date?: string): Promise<{ date: string; stored: number }> {
  const day = date ?? (await acts.statementDate());
  let stored = 0;
  for (const participantId of await acts.statementParticipants()) {
    if (await acts.storeDailyStatement(participantId, day)) stored += 1;
  }
  return { date: day, stored };
}
