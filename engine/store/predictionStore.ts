// Which server-side-apply dry runs found nothing to change, kept across restarts: after a
// restart every object of every application would otherwise be asked again (2,000 dry runs for
// 100 applications took a minute on a loaded 2-core machine, against 17 s for all comparisons
// before dry runs existed). An entry says: this desired content, applied to the live object with
// this uid at this resourceVersion, changes nothing. A resourceVersion names one state of one
// object, so the answer still holds while both are the same. Only hashes and object versions are
// written; Secrets are never remembered (their desired content holds their values).
import { gunzip, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { z } from 'zod';
import { readRegularFile } from '../files/regularFile.ts';
import { writeFileAtomic } from '../workspace/atomic-write.ts';

export interface UnchangedByApply {
  /** `<uid>/<resourceVersion>` of the live object. */
  version: string;
  /** sha256 of the desired object as applied. */
  desiredHash: string;
}

const FORMAT = 'plumbline.dev/predictions-v1';
/** More objects than any fleet this engine is meant for; beyond it the oldest entries go. */
export const MAX_REMEMBERED = 100_000;
const MAX_FILE_BYTES = 32 * 1024 * 1024;
const MAX_JSON_BYTES = 64 * 1024 * 1024;
const DEBOUNCE_MS = 5_000;

const fileSchema = z.object({
  format: z.literal(FORMAT),
  entries: z
    .array(z.tuple([z.string().max(2_048), z.string().max(256), z.string().length(64)]))
    .max(MAX_REMEMBERED),
});

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export class PredictionStore {
  private readonly entries = new Map<string, UnchangedByApply>();
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;
  readonly loaded: Promise<void>;

  constructor(
    private readonly file: string,
    private readonly debounceMs = DEBOUNCE_MS,
  ) {
    // a damaged or foreign file is a cache miss: every object is asked again, as on a first start
    this.loaded = this.load().catch(() => undefined);
  }

  get(key: string): UnchangedByApply | undefined {
    return this.entries.get(key);
  }

  set(key: string, entry: UnchangedByApply | undefined): void {
    const known = this.entries.get(key);
    if (entry && known?.version === entry.version && known.desiredHash === entry.desiredHash) return;
    if (!entry && !known) return;
    this.entries.delete(key);
    if (entry) {
      if (this.entries.size >= MAX_REMEMBERED)
        this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(key, entry);
    }
    this.dirty = true;
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.writing = this.writing.then(() => this.write());
    }, this.debounceMs);
    this.timer.unref();
  }

  /** Writes what is pending now (at close, and in tests). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      this.writing = this.writing.then(() => this.write());
    }
    await this.writing;
  }

  private async load(): Promise<void> {
    const bytes = await readRegularFile(this.file, { maxBytes: MAX_FILE_BYTES, what: 'prediction cache' });
    const json = await gunzipAsync(bytes, { maxOutputLength: MAX_JSON_BYTES });
    const parsed = fileSchema.parse(JSON.parse(json.toString('utf8')));
    for (const [key, version, desiredHash] of parsed.entries)
      if (!this.entries.has(key)) this.entries.set(key, { version, desiredHash });
  }

  private async write(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    const entries = [...this.entries].map(([key, { version, desiredHash }]) => [key, version, desiredHash]);
    const bytes = await gzipAsync(Buffer.from(JSON.stringify({ format: FORMAT, entries }), 'utf8'));
    // a cache that cannot be written costs dry runs after the next restart, nothing else
    await writeFileAtomic(this.file, bytes).catch(() => undefined);
  }
}
