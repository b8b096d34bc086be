interface Pending<In, Out> {
  item: In;
  resolve(out: Out): void;
  reject(err: unknown): void;
}

/**
 * Runs many callers' items in shared statements: while `maxInFlight` statements run, items that
 * arrive wait and go together in the next one, so under load N items cost one round trip (and one
 * pool client) instead of N; with no load each item goes at once. `run` answers one result per
 * item, in order; each caller is answered only once the statement holding its item has returned.
 */
export class StatementBatcher<In, Out> {
  private queue: Pending<In, Out>[] = [];
  private inFlight = 0;

  constructor(
    private readonly run: (items: In[]) => Promise<Out[]>,
    private readonly maxInFlight = 2,
    private readonly maxBatch = 500,
  ) {}

  submit(item: In): Promise<Out> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight++;
      void this.runBatch(batch).finally(() => {
        this.inFlight--;
        this.flush();
      });
    }
  }

  private async runBatch(batch: Pending<In, Out>[]): Promise<void> {
    try {
      const out = await this.run(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(out[i] as Out));
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  }
}
