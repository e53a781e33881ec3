// The snapshots kept in the data folder: one per cluster (by cluster key: a context, a registered
// cluster, or an offline-only cluster), each a snapshot file under snapshots/ named by a hash of
// its key — a cluster's name never becomes a path — and an index of what each one is. Every
// write is atomic (temp file + rename); writes are applied one after another.
import { createHash } from 'node:crypto';
import { mkdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../workspace/atomic-write.ts';
import { readRegularFile } from '../files/regularFile.ts';
import { decodeSnapshot, encodeSnapshot } from './codec.ts';
import { SNAPSHOT_LIMITS, snapshotAsOf, type SnapshotFile } from './format.ts';

export const storedKinds = ['persisted', 'imported', 'demo'] as const;
export type StoredKind = (typeof storedKinds)[number];

const entrySchema = z.object({
  /** The cluster key (see clusterKey, or `offline:<name>`). */
  key: z.string().min(1),
  kind: z.enum(storedKinds),
  file: z.string().regex(/^[a-z]+-[0-9a-f]{32}\.snapshot\.json\.gz$/),
  asOf: z.string(),
  objects: z.number().int(),
  /** What it was imported as (a file name, "demo"), for the reason statuses give. */
  label: z.string(),
});
export type SnapshotEntry = z.infer<typeof entrySchema>;
const indexSchema = z.object({ entries: z.array(entrySchema) });

export function snapshotFileName(key: string, kind: StoredKind): string {
  return `${kind}-${createHash('sha256').update(key).digest('hex').slice(0, 32)}.snapshot.json.gz`;
}

export class SnapshotStore {
  readonly dir: string;
  private index: Promise<SnapshotEntry[]> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** Decoded snapshots by file, so comparisons do not read the disk each time. */
  private readonly decoded = new Map<string, Promise<SnapshotFile>>();

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'snapshots');
  }

  async list(): Promise<SnapshotEntry[]> {
    return [...(await this.entries())];
  }

  async entry(key: string): Promise<SnapshotEntry | undefined> {
    return (await this.entries()).find((entry) => entry.key === key);
  }

  /** The snapshot of a cluster, or undefined; a damaged file throws its SnapshotError. */
  async read(key: string): Promise<SnapshotFile | undefined> {
    const entry = await this.entry(key);
    if (!entry) return undefined;
    let decoded = this.decoded.get(entry.file);
    if (!decoded) {
      const path = join(this.dir, entry.file);
      decoded = readRegularFile(path, { maxBytes: SNAPSHOT_LIMITS.compressedBytes }).then((bytes) =>
        decodeSnapshot(bytes, `snapshot of ${entry.label}`),
      );
      decoded.catch(() => undefined);
      this.decoded.set(entry.file, decoded);
    }
    return decoded;
  }

  /** Writes the snapshot of a cluster, replacing the one it had. */
  write(key: string, kind: StoredKind, label: string, snapshot: SnapshotFile): Promise<SnapshotEntry> {
    return this.serial(async () => {
      const bytes = await encodeSnapshot(snapshot);
      const entries = await this.entries();
      const previous = entries.find((entry) => entry.key === key);
      const entry: SnapshotEntry = {
        key,
        kind,
        file: snapshotFileName(key, kind),
        asOf: snapshotAsOf(snapshot),
        objects: snapshot.objects.length,
        label,
      };
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      await writeFileAtomic(join(this.dir, entry.file), bytes);
      this.decoded.delete(entry.file);
      await this.saveIndex([...entries.filter((e) => e.key !== key), entry]);
      if (previous && previous.file !== entry.file) {
        this.decoded.delete(previous.file);
        await unlink(join(this.dir, previous.file)).catch(() => undefined);
      }
      return entry;
    });
  }

  remove(key: string): Promise<boolean> {
    return this.serial(async () => {
      const entries = await this.entries();
      const entry = entries.find((e) => e.key === key);
      if (!entry) return false;
      await this.saveIndex(entries.filter((e) => e.key !== key));
      this.decoded.delete(entry.file);
      await unlink(join(this.dir, entry.file)).catch(() => undefined);
      return true;
    });
  }

  /**
   * Reads the index again after it changed on disk: another process sharing the data folder (the
   * CLI beside the app) imported or removed a snapshot. Returns the cluster keys whose snapshot
   * changed; none when the change was this store's own write.
   */
  reloadIfChanged(): Promise<string[]> {
    return this.serial(async () => {
      const before = await this.entries();
      const after = await this.loadIndex();
      const shape = (e: SnapshotEntry | undefined) => (e ? `${e.kind} ${e.file} ${e.asOf} ${e.objects}` : '');
      const keys = [...new Set([...before, ...after].map((e) => e.key))].filter(
        (key) => shape(before.find((e) => e.key === key)) !== shape(after.find((e) => e.key === key)),
      );
      if (keys.length === 0) return [];
      this.index = Promise.resolve(after);
      this.decoded.clear();
      return keys;
    });
  }

  private entries(): Promise<SnapshotEntry[]> {
    this.index ??= this.loadIndex();
    return this.index;
  }

  private async loadIndex(): Promise<SnapshotEntry[]> {
    let text: string;
    try {
      text = await readFile(join(this.dir, 'index.json'), 'utf8');
    } catch {
      return [];
    }
    try {
      return indexSchema.parse(JSON.parse(text)).entries;
    } catch {
      // an unreadable index loses the list, never the engine: snapshots are persisted again
      return [];
    }
  }

  private async saveIndex(entries: SnapshotEntry[]): Promise<void> {
    await writeFileAtomic(join(this.dir, 'index.json'), `${JSON.stringify({ entries }, null, 2)}\n`);
    this.index = Promise.resolve(entries);
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
