import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../../platform/config';

/** One file of a submission. */
export interface GatewayFile {
  name: string;
  contentType: 'text/csv' | 'application/json';
  body: string;
}

/** What goes to the regulator's platform: a report run's artifacts, or a batch of trade reports. */
export interface GatewaySubmission {
  kind: 'REPORT' | 'TRADE_REPORTS';
  /** Unique per submission; a resubmission with the same reference is the same submission. */
  reference: string;
  files: GatewayFile[];
  /** Trade reports: the `report_id:version` of each record, which the acknowledgement confirms. */
  recordKeys?: string[];
}

export interface GatewayAck {
  gateway: 'local' | 'http';
  reference: string;
  ackId: string;
  receivedAt: string;
  /** CONFIRMED at once, or PENDING: taken, its confirmation to be polled at `statusUrl`. */
  status: 'CONFIRMED' | 'PENDING';
  statusUrl?: string;
  /** The platform's confirmation id, once confirmed. */
  confirmationId?: string;
  /** The record keys the platform confirmed (trade reports). */
  confirmed: string[];
}

/** The platform's later answer about a PENDING submission. */
export interface GatewayConfirmation {
  status: 'PENDING' | 'CONFIRMED' | 'REJECTED';
  confirmationId?: string;
  /** Why it was rejected. */
  reason?: string;
  confirmed: string[];
}

/** The reporting gateway: pluggable by configuration (`BONDX_REPORTING_GATEWAY`). */
export interface ReportingGateway {
  submit(submission: GatewaySubmission): Promise<GatewayAck>;
  /** Asks the platform about a submission it answered PENDING. */
  poll(ack: GatewayAck): Promise<GatewayConfirmation>;
}

/** A gateway that did not take the submission (down, refused, timed out): the caller retries. */
export class GatewayUnavailableError extends Error {
  override name = 'GatewayUnavailableError';
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');

/**
 * The default: writes each submission's files and an acknowledgement into its own folder under the
 * configured one (what a platform's SFTP drop or a regulator's test harness would receive), and
 * confirms every record. Files are written then renamed, so a reader never sees half a file.
 */
export class LocalFolderGateway implements ReportingGateway {
  constructor(private readonly dir: string) {}

  async submit(s: GatewaySubmission): Promise<GatewayAck> {
    const folder = join(this.dir, safeName(s.reference));
    await mkdir(folder, { recursive: true });
    for (const f of s.files) {
      const tmp = join(folder, `.${safeName(f.name)}.tmp`);
      await writeFile(tmp, f.body);
      await rename(tmp, join(folder, safeName(f.name)));
    }
    const digest = createHash('sha256');
    for (const f of s.files) digest.update(f.name).update('\0').update(f.body);
    const ackId = `LOCAL-${digest.digest('hex').slice(0, 32)}`;
    const ack: GatewayAck = {
      gateway: 'local',
      reference: s.reference,
      ackId,
      receivedAt: new Date().toISOString(),
      status: 'CONFIRMED',
      confirmationId: ackId,
      confirmed: s.recordKeys ?? [],
    };
    await writeFile(join(folder, 'ack.json'), JSON.stringify(ack, null, 2));
    return ack;
  }

  /** The folder confirms on receipt: nothing is ever pending. */
  async poll(ack: GatewayAck): Promise<GatewayConfirmation> {
    return { status: 'CONFIRMED', confirmationId: ack.confirmationId ?? ack.ackId, confirmed: ack.confirmed };
  }
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/**
 * Posts the submission as JSON to the platform's URL: `{kind, reference, record_keys, files:
 * [{name, content_type, body}]}`. The platform answers
 * - 200 `{ack_id, confirmation_id?, confirmed?}`: taken and confirmed (trade reports: the records
 *   listed in `confirmed`);
 * - 202 `{ack_id, status_url?}` (or a `Location` header; by default `<url>/<ack_id>`): taken,
 *   confirmation to follow. GET on the status URL answers 200 `{status: PENDING | CONFIRMED |
 *   REJECTED, confirmation_id?, confirmed?, reason?}`.
 * Anything else, or no answer, is unavailable (the caller retries the same reference).
 */
export class HttpGateway implements ReportingGateway {
  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
  ) {}

  async submit(s: GatewaySubmission): Promise<GatewayAck> {
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': s.reference },
        body: JSON.stringify({
          kind: s.kind,
          reference: s.reference,
          record_keys: s.recordKeys ?? [],
          files: s.files.map((f) => ({ name: f.name, content_type: f.contentType, body: f.body })),
        }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new GatewayUnavailableError(
        `reporting gateway ${this.url} unreachable: ${(err as Error).message}`,
      );
    }
    if (!res.ok) throw new GatewayUnavailableError(`reporting gateway ${this.url} answered ${res.status}`);
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    const ackId = text(body.ack_id) ?? `HTTP-${randomUUID()}`;
    const base = {
      gateway: 'http' as const,
      reference: s.reference,
      ackId,
      receivedAt: new Date().toISOString(),
    };
    if (res.status === 202) {
      const location =
        text(body.status_url) ?? res.headers.get('location') ?? `${this.url}/${encodeURIComponent(ackId)}`;
      return { ...base, status: 'PENDING', statusUrl: new URL(location, this.url).toString(), confirmed: [] };
    }
    return {
      ...base,
      status: 'CONFIRMED',
      confirmationId: text(body.confirmation_id) ?? ackId,
      confirmed: strings(body.confirmed),
    };
  }

  async poll(ack: GatewayAck): Promise<GatewayConfirmation> {
    if (!ack.statusUrl) throw new Error(`submission ${ack.reference} has no status URL to poll`);
    let res: Response;
    try {
      res = await fetch(ack.statusUrl, { signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      throw new GatewayUnavailableError(
        `reporting gateway ${ack.statusUrl} unreachable: ${(err as Error).message}`,
      );
    }
    if (!res.ok)
      throw new GatewayUnavailableError(`reporting gateway ${ack.statusUrl} answered ${res.status}`);
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    const status = body.status;
    if (status !== 'PENDING' && status !== 'CONFIRMED' && status !== 'REJECTED')
      throw new GatewayUnavailableError(
        `reporting gateway ${ack.statusUrl} answered status ${String(status)}`,
      );
    return {
      status,
      confirmationId: text(body.confirmation_id),
      reason: text(body.reason),
      confirmed: strings(body.confirmed),
    };
  }
}

export function createReportingGateway(config: Config['reporting']['gateway']): ReportingGateway {
  return config.kind === 'http'
    ? new HttpGateway(config.url!, config.timeoutMs)
    : new LocalFolderGateway(config.dir);
}
