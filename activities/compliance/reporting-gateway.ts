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
  /** The record keys the platform confirmed (trade reports). */
  confirmed: string[];
}

/** The reporting gateway: pluggable by configuration (`BONDX_REPORTING_GATEWAY`). */
export interface ReportingGateway {
  submit(submission: GatewaySubmission): Promise<GatewayAck>;
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
    const ack: GatewayAck = {
      gateway: 'local',
      reference: s.reference,
      ackId: `LOCAL-${digest.digest('hex').slice(0, 32)}`,
      receivedAt: new Date().toISOString(),
      confirmed: s.recordKeys ?? [],
    };
    await writeFile(join(folder, 'ack.json'), JSON.stringify(ack, null, 2));
    return ack;
  }
}

/**
 * Posts the submission as JSON to the platform's URL: `{kind, reference, record_keys, files:
 * [{name, content_type, body}]}`; a 2xx answer `{ack_id, confirmed?}` acknowledges it (records not
 * listed in `confirmed` stay REPORTED until a later acknowledgement). Anything else is unavailable.
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
    const body = (await res.json().catch(() => ({}))) as { ack_id?: unknown; confirmed?: unknown };
    return {
      gateway: 'http',
      reference: s.reference,
      ackId: typeof body.ack_id === 'string' ? body.ack_id : `HTTP-${randomUUID()}`,
      receivedAt: new Date().toISOString(),
      confirmed: Array.isArray(body.confirmed) ? body.confirmed.map(String) : [],
    };
  }
}

export function createReportingGateway(config: Config['reporting']['gateway']): ReportingGateway {
  return config.kind === 'http'
    ? new HttpGateway(config.url!, config.timeoutMs)
    : new LocalFolderGateway(config.dir);
}
