import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import { ShardFencedError, type Fence, type ShardLeases } from '../../db/matching/shard-leases';

/** A shard's books and loop, running under one lease grant. */
export interface RunningShard {
  stop(): Promise<void>;
}

/** Builds a shard's books from the journal and starts its loop; `onFailure` when the loop ends on an error. */
export type ShardStarter = (fence: Fence, onFailure: (err: unknown) => void) => Promise<RunningShard>;

export interface ShardHostOptions {
  shards: number;
  /** Shards this process takes whenever they are free, and asks back from another holder. */
  home: number[];
  leaseMs: number;
}

interface HeldShard {
  fence: Fence;
  running?: RunningShard;
  starting?: Promise<void>;
}

/**
 * One matching process's share of the shards. Every lease period / 5 it renews what it holds,
 * gives up what it lost (its loop stops; its writes would be fenced anyway), hands back a shard
 * whose home process asks for it, takes its free home shards, and takes over any other shard whose
 * lease ran out (its owner died or froze), once this process has itself been up a lease period.
 * A shard whose loop failed (the database went away mid-batch) is rebuilt from the journal on a
 * later tick, so the process rides out an outage instead of exiting.
 */
export class ShardHost {
  private readonly held = new Map<number, HeldShard>();
  private readonly startedAt = Date.now();
  private timer?: NodeJS.Timeout;
  private ticking: Promise<void> = Promise.resolve();
  private stopping = false;
  private readonly changes: Counter;

  constructor(
    private readonly leases: ShardLeases,
    private readonly startShard: ShardStarter,
    private readonly log: Logger,
    metrics: Registry,
    private readonly opts: ShardHostOptions,
  ) {
    this.changes = new Counter({
      name: 'bondx_matching_shard_lease_events_total',
      help: 'Shard lease events of this process (acquired, lost, handed back, rebuilt after a failure)',
      labelNames: ['event'],
      registers: [metrics],
    });
    const held = this.held;
    new Gauge({
      name: 'bondx_matching_shards_owned',
      help: 'Matching shards whose lease this process holds',
      registers: [metrics],
      collect() {
        this.set(held.size);
      },
    });
  }

  /** The shards held now, with their fencing tokens. */
  owned(): Fence[] {
    return [...this.held.values()].map((h) => h.fence);
  }

  /** Takes the first leases and waits for their books, then keeps ticking. */
  async start(): Promise<void> {
    await this.tick();
    await Promise.all([...this.held.values()].map((h) => h.starting));
    this.timer = setInterval(() => {
      this.ticking = this.ticking.then(() => this.tick());
    }, this.opts.leaseMs / 5);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.ticking;
    await Promise.all([...this.held.keys()].map((shard) => this.giveUp(shard, 'released')));
  }

  private async tick(): Promise<void> {
    if (this.stopping) return;
    try {
      await this.renew();
      await this.acquire();
    } catch (err) {
      // The database is away: keep what runs (its writes are fenced), try again next tick.
      this.log.warn({ err }, 'shard lease round failed');
    }
    for (const [shard, h] of this.held) if (!h.running && !h.starting) this.launch(shard, h);
  }

  private async renew(): Promise<void> {
    if (!this.held.size) return;
    const kept = await this.leases.renew(new Map([...this.held].map(([s, h]) => [s, h.fence.token])));
    for (const shard of [...this.held.keys()]) {
      const k = kept.get(shard);
      if (!k) await this.giveUp(shard, 'lost');
      else if (k.requestedBy && !this.opts.home.includes(shard)) await this.giveUp(shard, 'handed_back');
    }
  }

  private async acquire(): Promise<void> {
    const rows = new Map((await this.leases.list()).map((r) => [r.shard, r]));
    const settled = Date.now() - this.startedAt >= this.opts.leaseMs;
    for (let shard = 0; shard < this.opts.shards; shard++) {
      if (this.held.has(shard)) continue;
      const row = rows.get(shard);
      const free = !row || row.expiredForMs > 0;
      const home = this.opts.home.includes(shard);
      // A home process that asked for its shard back gets one lease period to take it.
      const reserved =
        !!row?.requestedBy && row.requestedBy !== this.leases.owner && row.expiredForMs < this.opts.leaseMs;
      if (free && (home || (settled && !reserved))) {
        const token = await this.leases.acquire(shard);
        if (token === null) continue;
        this.held.set(shard, { fence: { shard, token } });
        this.changes.inc({ event: 'acquired' });
        this.log.info({ shard, token, previous_owner: row?.owner ?? null }, 'shard lease acquired');
      } else if (
        row &&
        !free &&
        home &&
        row.owner !== this.leases.owner &&
        row.requestedBy !== this.leases.owner
      ) {
        await this.leases.requestBack(shard);
        this.log.info({ shard, owner: row.owner }, 'asked for home shard back');
      }
    }
  }

  private launch(shard: number, h: HeldShard): void {
    let failed = false;
    let running: RunningShard | undefined;
    const dispose = (r: RunningShard) =>
      void r.stop().catch((err) => this.log.warn({ err, shard }, 'stopping a failed shard'));
    const onFailure = (err: unknown) => {
      if (this.held.get(shard) !== h) return;
      if (err instanceof ShardFencedError) {
        this.log.warn({ shard, token: h.fence.token }, 'journal write refused by the fence');
        void this.giveUp(shard, 'lost');
        return;
      }
      this.log.error({ err, shard }, 'matching loop failed; rebuilding the shard from the journal');
      this.changes.inc({ event: 'rebuilt' });
      failed = true;
      h.running = undefined;
      if (running) dispose(running);
    };
    h.starting = this.startShard(h.fence, onFailure)
      .then((r) => {
        running = r;
        if (failed) dispose(r);
        else h.running = r;
      })
      .catch((err) => this.log.error({ err, shard }, 'shard recovery failed; retrying'))
      .finally(() => {
        h.starting = undefined;
      });
  }

  /** Stops the shard's loop and, unless the lease is already lost, lets the lease run out. */
  private async giveUp(shard: number, event: 'lost' | 'handed_back' | 'released'): Promise<void> {
    const h = this.held.get(shard);
    if (!h) return;
    this.held.delete(shard);
    this.changes.inc({ event });
    (event === 'lost' ? this.log.warn : this.log.info).call(
      this.log,
      { shard, token: h.fence.token },
      `shard lease ${event.replace('_', ' ')}`,
    );
    await h.starting;
    await h.running?.stop().catch((err) => this.log.warn({ err, shard }, 'stopping a shard'));
    if (event !== 'lost')
      await this.leases
        .release(h.fence)
        .catch((err) => this.log.warn({ err, shard }, 'lease release failed'));
  }
}
