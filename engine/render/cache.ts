// The render cache on disk: one JSON file per render under <cacheDir>/render/, named by a hash of
// everything that decides the output (revisions, source spec, tool versions, app name,
// destination namespace, cluster versions). Written atomically; bounded in entries and bytes, the
// least recently used (by modification time, touched on every hit) going first. The folder is
// scanned only when the entries written since the last scan may have crossed a limit (and then
// trimmed to a tenth fewer entries), so a burst of a thousand renders costs a few scans, not a thousand.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KubeObject, SourceType } from './types.ts';

export interface CachedRender {
  objects: KubeObject[];
  sourceType: SourceType;
  toolVersions: Record<string, string>;
  /** Absent in an entry written before renders carried warnings: none. */
  warnings?: string[];
}

export interface CacheLimits {
  maxBytes?: number;
  maxEntries?: number;
}

const DEFAULT_LIMITS = { maxBytes: 200 * 1024 * 1024, maxEntries: 2000 };
const FORMAT = 1;

/** What is known of a cache folder since its last scan; shared by every RenderCache of the folder. */
interface FolderTally {
  entries: number;
  bytes: number;
  /** The scan under way, and whether a put asked for another after it. */
  scanning: Promise<void> | null;
  again: boolean;
}
const tallies = new Map<string, FolderTally>();

/** A limit with room below it, so that the next puts do not each cause a scan. */
function trimmedTo(limit: number): number {
  return limit - Math.floor(limit / 10);
}

/** JSON with object keys sorted, so equal specs give equal keys whatever their key order. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function renderCacheKey(parts: Record<string, unknown>): string {
  return createHash('sha256')
    .update(stableJson({ format: FORMAT, ...parts }))
    .digest('hex');
}

export class RenderCache {
  private readonly dir: string;
  private readonly limits: Required<CacheLimits>;

  constructor(cacheDir: string, limits: CacheLimits = {}) {
    this.dir = join(cacheDir, 'render');
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  private file(key: string): string {
    return join(this.dir, `${key}.json`);
  }

  async get(key: string): Promise<CachedRender | undefined> {
    let text: string;
    try {
      text = await readFile(this.file(key), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const entry = JSON.parse(text) as { key: string; render: CachedRender };
      if (entry.key !== key) return undefined;
      const now = new Date();
      await utimes(this.file(key), now, now).catch(() => undefined);
      return entry.render;
    } catch {
      // A damaged entry is a miss; the next put replaces it.
      return undefined;
    }
  }

  async put(key: string, render: CachedRender): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const temporary = join(this.dir, `.${key}.${randomUUID()}.tmp`);
    const text = JSON.stringify({ key, render });
    await writeFile(temporary, text);
    await rename(temporary, this.file(key));
    const tally = tallies.get(this.dir);
    // A put during a scan is not in the scan's count: it asks for another scan after it.
    if (tally && !tally.scanning) {
      tally.entries += 1;
      tally.bytes += Buffer.byteLength(text);
      if (tally.entries <= this.limits.maxEntries && tally.bytes <= this.limits.maxBytes) return;
    }
    await this.prune();
  }

  /** Removes the least recently used entries until both limits hold; one scan at a time per folder. */
  async prune(): Promise<void> {
    let tally = tallies.get(this.dir);
    if (!tally) tallies.set(this.dir, (tally = { entries: 0, bytes: 0, scanning: null, again: false }));
    if (tally.scanning) {
      tally.again = true;
      return tally.scanning;
    }
    const scan = async (folder: FolderTally) => {
      do {
        folder.again = false;
        Object.assign(folder, await this.scan());
      } while (folder.again);
    };
    tally.scanning = scan(tally).finally(() => {
      tally.scanning = null;
    });
    return tally.scanning;
  }

  private async scan(): Promise<{ entries: number; bytes: number }> {
    const names = (await readdir(this.dir)).filter((name) => name.endsWith('.json') && !name.startsWith('.'));
    const entries = (
      await Promise.all(
        names.map(async (name) => {
          const info = await stat(join(this.dir, name)).catch(() => undefined);
          return info ? { name, size: info.size, used: info.mtimeMs } : undefined;
        }),
      )
    ).filter((entry) => entry !== undefined);
    entries.sort((a, b) => b.used - a.used);
    const over = entries.length > this.limits.maxEntries;
    const maxEntries = over ? trimmedTo(this.limits.maxEntries) : this.limits.maxEntries;
    const { maxBytes } = this.limits;
    let bytes = 0;
    let kept = 0;
    for (const [index, entry] of entries.entries()) {
      bytes += entry.size;
      if (index >= maxEntries || bytes > maxBytes) {
        bytes -= entry.size;
        await rm(join(this.dir, entry.name), { force: true });
      } else kept += 1;
    }
    return { entries: kept, bytes };
  }
}
