// Trees of commits extracted for renderers to read: `<root>/<repo key>/<sha>`, plain files
// without a `.git`, made once per (repository, commit) and handed out again on the next request.
// The store stays bounded: beyond `maxTrees`, the least recently used trees go — but never one
// handed out within `graceMs`, which a renderer may still be reading.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { isLeftover, temporaryName } from './leftovers.ts';

export interface TreeStoreOptions {
  root: string;
  maxTrees: number;
  graceMs: number;
}

/** Writes the files of the tree into the given (empty, existing) directory. */
export type ExtractTree = (dir: string) => Promise<void>;

const STAGING_PREFIX = 'staging-';

export class TreeStore {
  private readonly lastUsed = new Map<string, number>();
  private readonly inProgress = new Map<string, Promise<string>>();
  private loaded: Promise<void> | undefined;
  private clock = 0;

  constructor(private readonly options: TreeStoreOptions) {}

  async get(repoKey: string, sha: string, extract: ExtractTree): Promise<string> {
    await (this.loaded ??= this.loadEarlierTrees());
    const dir = join(this.options.root, repoKey, sha);
    if (this.lastUsed.has(dir) && existsSync(dir)) {
      await this.markUsed(dir);
      return dir;
    }
    let making = this.inProgress.get(dir);
    if (!making) {
      making = this.make(dir, repoKey, extract).finally(() => this.inProgress.delete(dir));
      this.inProgress.set(dir, making);
    }
    return making;
  }

  private async make(dir: string, repoKey: string, extract: ExtractTree): Promise<string> {
    // Extracted beside its final place and renamed: a tree is either complete or absent.
    const staging = join(this.options.root, repoKey, `${temporaryName(STAGING_PREFIX)}${randomUUID()}`);
    await mkdir(staging, { recursive: true });
    try {
      await extract(staging);
      await rm(dir, { recursive: true, force: true });
      await rename(staging, dir);
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
    await this.markUsed(dir);
    await this.evict();
    return dir;
  }

  // The modification time records the last use, so that a restart keeps the LRU order. Two uses
  // within one millisecond still get distinct, ordered times.
  private async markUsed(dir: string): Promise<void> {
    this.clock = Math.max(Date.now(), this.clock + 1);
    this.lastUsed.set(dir, this.clock);
    await utimes(dir, this.clock / 1000, this.clock / 1000).catch(() => undefined);
  }

  private async evict(): Promise<void> {
    const now = Date.now();
    const oldestFirst = [...this.lastUsed].sort(([, a], [, b]) => a - b);
    let excess = oldestFirst.length - this.options.maxTrees;
    for (const [dir, used] of oldestFirst) {
      if (excess <= 0 || now - used < this.options.graceMs) break;
      this.lastUsed.delete(dir);
      await rm(dir, { recursive: true, force: true });
      excess -= 1;
    }
  }

  private async loadEarlierTrees(): Promise<void> {
    const repoKeys = await readdir(this.options.root).catch(() => [] as string[]);
    for (const repoKey of repoKeys) {
      for (const name of await readdir(join(this.options.root, repoKey))) {
        const dir = join(this.options.root, repoKey, name);
        if (isLeftover(name, STAGING_PREFIX)) await rm(dir, { recursive: true, force: true });
        else if (!name.startsWith(STAGING_PREFIX)) this.lastUsed.set(dir, (await stat(dir)).mtimeMs);
      }
    }
  }
}
