import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Counter, Histogram, type Registry } from 'prom-client';
import { MATCHING_GROUP, tradingKeys } from '../../platform/trading-transport';
import { emptyOutputs } from './batch-outputs';
import type { EventPublisher } from './event-publisher';
import type { MatchingJournal } from './journal';
import type { BondInfo, ShardBooks } from './shard-books';

/** Bond terms the books need, refreshed when a command names a bond listed after the start. */
export class BondDirectory {
  private readonly byId = new Map<number, BondInfo>();

  constructor(private readonly journal: MatchingJournal) {}

  get(bondId: number): BondInfo {
    const b = this.byId.get(bondId);
    if (!b) throw new Error(`bond ${bondId} is not loaded`);
    return b;
  }

  async ensure(bondIds: Iterable<number>): Promise<void> {
    for (const id of bondIds) {
      if (this.byId.has(id)) continue;
      for (const b of await this.journal.bonds()) this.byId.set(b.id, b);
      return;
    }
  }
}

export interface MatchingLoopOptions {
  shards: number;
  /** The shards this worker owns. */
  mine: number[];
  prefix: string;
  /** Commands committed this long ago but not yet applied are re-driven from PostgreSQL. */
  redriveAfterMs?: number;
  batchSize?: number;
}

/** Fields are null for a pending entry that was trimmed or deleted from the stream. */
type StreamReply = Array<[string, Array<[string, string[] | null]>]> | null;

/**
 * One worker's single-threaded core: reads command ids from its shards' streams in order, applies
 * each batch to the books, commits the outputs in one transaction, acknowledges the entries and
 * only then publishes. Recovery rebuilds the books from the journal before the first read.
 */
export class MatchingLoop {
  private running = false;
  private stopped: Promise<void> = Promise.resolve();
  private readonly keys;
  private readonly consumer: string;
  private readonly applied: Counter;
  private readonly tradesCount: Counter;
  private readonly commitSeconds: Histogram;
  private lastRedrive = 0;
  /** A house portfolio whose positions changed, for the risk recompute hook. */
  onPositionsChanged: (portfolioIds: number[]) => void = () => undefined;

  constructor(
    private readonly books: ShardBooks,
    private readonly bonds: BondDirectory,
    private readonly journal: MatchingJournal,
    private readonly publisher: EventPublisher,
    private readonly streamRedis: Redis,
    private readonly log: Logger,
    metrics: Registry,
    private readonly opts: MatchingLoopOptions,
  ) {
    this.keys = tradingKeys(opts.prefix);
    this.consumer = `shards-${opts.mine.join('-')}`;
    this.applied = new Counter({
      name: 'bondx_matching_commands_applied_total',
      help: 'Commands applied to the order books',
      registers: [metrics],
    });
    this.tradesCount = new Counter({
      name: 'bondx_matching_trades_total',
      help: 'Trades executed',
      registers: [metrics],
    });
    this.commitSeconds = new Histogram({
      name: 'bondx_matching_group_commit_seconds',
      help: 'Duration of one group commit (journal, orders, trades, positions)',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [metrics],
    });
  }

  private get streams(): string[] {
    return this.opts.mine.map((s) => this.keys.commandStream(s));
  }

  /** Rebuilds every book from the journal, then applies what was committed but not applied. */
  async recover(): Promise<void> {
    const started = Date.now();
    let replayed = 0;
    for await (const page of this.journal.appliedInOrder(this.opts.shards, this.opts.mine)) {
      await this.bonds.ensure(page.map((r) => r.bondId));
      for (const row of page) this.books.replay(row);
      replayed += page.length;
    }
    this.books.forgetFinished();
    const sequences = await this.journal.sequences(this.opts.shards, this.opts.mine);
    await this.bonds.ensure(sequences.keys());
    for (const [bondId, s] of sequences) {
      if (s.applied > 0 || s.events > 0) this.books.setSequences(bondId, s.applied, s.events);
    }
    const republished = await this.republish(sequences);
    for (const stream of this.streams) {
      await this.streamRedis.xgroup('CREATE', stream, MATCHING_GROUP, '0', 'MKSTREAM').catch((err: Error) => {
        if (!err.message.includes('BUSYGROUP')) throw err;
      });
    }
    const redriven = await this.redrive(0);
    // Entries delivered before a crash and never acknowledged: applied ones are only acknowledged.
    await this.readAndApply('0');
    // Every book gets a snapshot, so readers see the rebuilt state even for bonds without traffic.
    await this.publisher.publish(this.books, emptyOutputs(), this.books.bondIds());
    this.log.info(
      { replayed, redriven, republished, ms: Date.now() - started },
      'books rebuilt from the journal',
    );
  }

  /**
   * Publishes the messages of events committed after a bond's published watermark (the worker died
   * between its commit and its publish), before any new command, so sequences keep the journal's
   * order. A Redis without watermarks lost every sequence too: clients re-sync from snapshots.
   */
  private async republish(sequences: Map<number, { events: number }>): Promise<number> {
    const watermarks = await this.publisher.watermarks();
    if (!watermarks) return 0;
    const behind = new Map<number, number>();
    for (const [bondId, s] of sequences) {
      const published = watermarks.get(bondId) ?? 0;
      if (published < s.events) behind.set(bondId, published);
    }
    const messages = await this.journal.unpublished(behind);
    await this.publisher.republish(
      messages,
      new Map([...behind.keys()].map((b) => [b, sequences.get(b)!.events])),
    );
    if (messages.length)
      this.log.warn({ messages: messages.length }, 're-published events committed before a crash');
    return messages.length;
  }

  start(): void {
    this.running = true;
    this.stopped = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.stopped;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      try {
        await this.readAndApply('>');
        if (Date.now() - this.lastRedrive > 1000) await this.redrive(this.opts.redriveAfterMs ?? 1000);
        await this.expireDue();
      } catch (err) {
        // The books already hold the batch that failed to commit: only a rebuild from the journal
        // makes them true again, so the process exits and its supervisor restarts it.
        this.log.fatal({ err }, 'matching batch failed; exiting to rebuild from the journal');
        process.exit(1);
      }
    }
  }

  private async readAndApply(from: '0' | '>'): Promise<void> {
    for (;;) {
      const reply = (await this.streamRedis.call(
        'XREADGROUP',
        'GROUP',
        MATCHING_GROUP,
        this.consumer,
        'COUNT',
        this.opts.batchSize ?? 1000,
        ...(from === '>' ? ['BLOCK', 200] : []),
        'STREAMS',
        ...this.streams,
        ...this.streams.map(() => from),
      )) as StreamReply;
      const entries = (reply ?? []).flatMap(([stream, items]) =>
        items.map(([entryId, fields]) => ({ stream, entryId, commandId: fields?.[1] ?? null })),
      );
      if (!entries.length) return;
      // A lost entry's command is still unapplied in PostgreSQL: the re-drive applies it.
      await this.applyIds(entries.flatMap((e) => e.commandId ?? []));
      const pipeline = this.streamRedis.pipeline();
      for (const e of entries) pipeline.xack(e.stream, MATCHING_GROUP, e.entryId);
      await pipeline.exec();
      if (from === '>') return;
    }
  }

  /**
   * The shard's clock: when a book holds a GTD order whose time has come, a TIME command is
   * journaled and applied like any other, so expiry needs no later command for the bond and a
   * replay expires the order at the same point (the engine never reads the wall clock).
   */
  private async expireDue(): Promise<void> {
    const now = Date.now();
    const due = this.books.bondIds().filter((b) => {
      const at = this.books.bookOf(b)!.nextExpiryAt;
      return at !== null && at <= now;
    });
    if (due.length) await this.applyIds(await this.journal.timeCommands(due, new Date(now)));
  }

  private async redrive(olderThanMs: number): Promise<number> {
    this.lastRedrive = Date.now();
    let total = 0;
    for (;;) {
      const ids = await this.journal.unapplied(this.opts.shards, this.opts.mine, olderThanMs, 1000);
      if (!ids.length) return total;
      if (olderThanMs > 0)
        this.log.warn({ commands: ids.length }, 're-driving commands missing from the stream');
      await this.applyIds(ids);
      total += ids.length;
    }
  }

  /** One group commit: apply the not-yet-applied commands among `ids`, commit, then publish. */
  private async applyIds(ids: string[]): Promise<void> {
    const seen = new Set<string>();
    const rows = (await this.journal.commands(ids)).filter(
      (r) => !r.applied && !seen.has(r.id) && seen.add(r.id),
    );
    if (!rows.length) return;
    await this.bonds.ensure(rows.map((r) => r.bondId));
    const out = emptyOutputs();
    for (const row of rows) this.books.apply(row, out);
    const end = this.commitSeconds.startTimer();
    const portfolios = await this.journal.commit(out);
    end();
    this.books.prune(out);
    this.applied.inc(rows.length);
    this.tradesCount.inc(out.trades.length);
    await this.publisher
      .publish(this.books, out)
      .catch((err) => this.log.warn({ err }, 'publishing events failed'));
    if (portfolios.length) this.onPositionsChanged(portfolios);
  }
}
