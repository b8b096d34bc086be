import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { TradingDaySchedule } from '../../domain/trading';
import { MATCHING_GROUP, tradingKeys } from '../../platform/trading-transport';
import { emptyOutputs } from './batch-outputs';
import type { EventPublisher } from './event-publisher';
import type { MatchingJournal } from './journal';
import type { MatchingLoopMetrics } from './loop-metrics';
import type { BondInfo, ShardBooks } from './shard-books';
import { TradingDayEnds } from './trading-day-ends';

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
  /**
   * When trading days end (holidays of each bond's settlement system are not trading days);
   * without it DAY orders expire only when the session closes.
   */
  tradingDay?: TradingDaySchedule;
  /** The loop has ended on an error: its books may hold a batch that never committed. */
  onFailure(err: unknown): void;
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
  private lastRedrive = 0;
  private readonly dayEnds: TradingDayEnds | null;
  /** A house portfolio whose positions changed, for the risk recompute hook. */
  onPositionsChanged: (portfolioIds: number[]) => void = () => undefined;

  constructor(
    private readonly books: ShardBooks,
    private readonly bonds: BondDirectory,
    private readonly journal: MatchingJournal,
    private readonly publisher: EventPublisher,
    private readonly streamRedis: Redis,
    private readonly log: Logger,
    private readonly metrics: MatchingLoopMetrics,
    private readonly opts: MatchingLoopOptions,
  ) {
    this.keys = tradingKeys(opts.prefix);
    // Named by shard, not by process: a new owner of the shard reads what the old one left pending.
    this.consumer = `shards-${opts.mine.join('-')}`;
    this.dayEnds = opts.tradingDay ? new TradingDayEnds(opts.tradingDay, () => journal.calendars()) : null;
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
        // The books may already hold the batch that failed to commit: only a rebuild from the
        // journal makes them true again, so the loop ends and its owner rebuilds the shard.
        this.running = false;
        this.opts.onFailure(err);
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
   * The shard's clock: when a book holds a GTD order whose time has come, or orders from before
   * the latest trading-day end, a TIME command is journaled and applied like any other, so expiry
   * needs no later command for the bond and a replay expires the same orders at the same point
   * (the engine never reads the wall clock).
   */
  private async expireDue(): Promise<void> {
    const now = Date.now();
    await this.dayEnds?.refresh(now);
    let due = this.dueAt(now);
    // A journaled day end is final: holidays loaded since the last read must count first.
    if (this.dayEnds && due.some((d) => d.dayEnd !== null) && (await this.dayEnds.confirm(now)))
      due = this.dueAt(now);
    if (due.length) await this.applyIds(await this.journal.timeCommands(due, new Date(now)));
  }

  private dueAt(now: number): Array<{ bondId: number; dayEnd: number | null }> {
    const due: Array<{ bondId: number; dayEnd: number | null }> = [];
    for (const bondId of this.books.bondIds()) {
      const book = this.books.bookOf(bondId)!;
      const dayEnd = this.dayEnds?.latest(now, this.books.bondInfo(bondId).settlementSystem) ?? null;
      const ended = dayEnd !== null && book.tradingDayEndDue(dayEnd);
      const at = book.nextExpiryAt;
      if (ended || (at !== null && at <= now)) due.push({ bondId, dayEnd: ended ? dayEnd : null });
    }
    return due;
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
    const end = this.metrics.commitSeconds.startTimer();
    const portfolios = await this.journal.commit(out);
    end();
    this.books.prune(out);
    this.metrics.applied.inc(rows.length);
    this.metrics.trades.inc(out.trades.length);
    await this.publisher
      .publish(this.books, out)
      .catch((err) => this.log.warn({ err }, 'publishing events failed'));
    if (portfolios.length) this.onPositionsChanged(portfolios);
  }
}
