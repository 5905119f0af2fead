import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  truncateSync,
  writeSync,
} from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/** One durable change: `put` stores the object under `key`, `del` removes it. */
export interface WalRecord {
  rv: number;
  op: 'put' | 'del';
  key: string;
  obj?: unknown;
}

interface Snapshot {
  rv: number;
  entries: [string, unknown][];
}

/**
 * Append-only write-ahead log with group commit: every record appended in the same tick shares one
 * `fsync`, and `append` resolves only once its record is on disk. A snapshot plus the log tail is
 * the whole state; `compact` folds the log into a new snapshot (atomic rename).
 *
 * A torn last line (the process was killed mid-write) was never acknowledged, so replay drops it.
 */
export class WriteAheadLog {
  private handle: FileHandle | undefined;
  private pending: { line: string; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private flushing: Promise<void> | undefined;
  private logBytes = 0;

  private constructor(private readonly dir: string) {}

  private get logPath(): string {
    return join(this.dir, 'store.log');
  }

  private get snapshotPath(): string {
    return join(this.dir, 'store.snapshot.json');
  }

  /** Opens the log in `dir`, returning it with the recovered state and highest resourceVersion. */
  static async open(
    dir: string,
  ): Promise<{ wal: WriteAheadLog; state: Map<string, unknown>; rv: number }> {
    const wal = new WriteAheadLog(dir);
    const state = new Map<string, unknown>();
    let rv = 0;
    if (existsSync(wal.snapshotPath)) {
      const snap = JSON.parse(readFileSync(wal.snapshotPath, 'utf8')) as Snapshot;
      rv = snap.rv;
      for (const [k, v] of snap.entries) state.set(k, v);
    }
    const snapshotRv = rv;
    let validBytes = 0;
    if (existsSync(wal.logPath)) {
      const text = readFileSync(wal.logPath, 'utf8');
      let start = 0;
      for (;;) {
        const nl = text.indexOf('\n', start);
        if (nl < 0) break; // torn tail: never acknowledged
        const line = text.slice(start, nl);
        let rec: WalRecord;
        try {
          rec = JSON.parse(line) as WalRecord;
        } catch {
          break; // a corrupt line ends the trustworthy prefix
        }
        // Records already folded into the snapshot (a crash between rename and truncate) are skipped.
        if (rec.rv > snapshotRv) {
          if (rec.op === 'put') state.set(rec.key, rec.obj);
          else state.delete(rec.key);
          rv = Math.max(rv, rec.rv);
        }
        start = nl + 1;
        validBytes = Buffer.byteLength(text.slice(0, start));
      }
      if (validBytes !== Buffer.byteLength(text)) truncateSync(wal.logPath, validBytes);
    }
    wal.handle = await open(wal.logPath, 'a');
    wal.logBytes = validBytes;
    return { wal, state, rv };
  }

  /** Size of the log since the last snapshot, to decide when to compact. */
  get size(): number {
    return this.logBytes;
  }

  /** Appends a record; resolves once it is fsynced. */
  append(rec: WalRecord): Promise<void> {
    const line = JSON.stringify(rec) + '\n';
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ line, resolve, reject });
      if (!this.flushing) this.flushing = this.flushLoop();
    });
  }

  private async flushLoop(): Promise<void> {
    // Let the current tick enqueue more records so they share one fsync.
    await new Promise<void>((r) => setImmediate(r));
    while (this.pending.length) {
      const batch = this.pending;
      this.pending = [];
      const data = batch.map((b) => b.line).join('');
      try {
        const h = this.handle;
        if (!h) throw new Error('write-ahead log is closed');
        await h.write(data);
        await h.datasync();
        this.logBytes += Buffer.byteLength(data);
        for (const b of batch) b.resolve();
      } catch (e) {
        for (const b of batch) b.reject(e);
      }
    }
    this.flushing = undefined;
  }

  /** Writes `state` as the new snapshot and starts an empty log. Call with no appends in flight. */
  async compact(state: Iterable<[string, unknown]>, rv: number): Promise<void> {
    await this.flushing;
    const tmp = `${this.snapshotPath}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, `{"rv":${rv},"entries":[`);
      let first = true;
      for (const [k, v] of state) {
        writeSync(fd, (first ? '' : ',') + JSON.stringify([k, v]));
        first = false;
      }
      writeSync(fd, ']}');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.snapshotPath);
    await this.handle?.close();
    this.handle = await open(this.logPath, 'w');
    await this.handle.sync();
    this.logBytes = 0;
  }

  /** Flushes what is pending and closes the file. */
  async close(): Promise<void> {
    await this.flushing;
    await this.handle?.close();
    this.handle = undefined;
  }
}
