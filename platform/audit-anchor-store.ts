import { appendFile, mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A chain head written outside the database, so a rewrite of the whole table still shows. */
export interface AuditAnchor {
  kind: 'HEAD' | 'PURGE';
  written_at: string;
  head_id: string;
  head_hash: string;
  /** Records in the chain at the time (after a purge: the records it left). */
  records: number;
  /** For a purge: what it removed. */
  purge?: { removed_from_id: string; removed_to_id: string; removed_count: number; first_kept_id: string };
}

/**
 * Anchors as JSON lines in one append-only file in a configured folder; each append is flushed to
 * disk before it returns. Point the folder at storage the database's administrators cannot rewrite
 * (another host, WORM storage) for the anchor to prove anything.
 */
export class AuditAnchorStore {
  readonly file: string;

  constructor(readonly dir: string) {
    this.file = join(dir, 'audit-anchors.jsonl');
  }

  async append(anchor: AuditAnchor): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await appendFile(this.file, `${JSON.stringify(anchor)}\n`, 'utf8');
    const handle = await open(this.file, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async all(): Promise<AuditAnchor[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    return text
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as AuditAnchor);
  }

  async latest(): Promise<AuditAnchor | null> {
    return (await this.all()).at(-1) ?? null;
  }
}
