// Writes the files of one commit into a folder for renderers: git's own checkout of the tree from
// the bare cache (a private index, no .git in the folder), then the Git LFS files (lfs.ts), then
// each submodule at the commit the tree pins, fetched into its own cache and written into its
// folder the same way (submodules.ts) — recursively, within one budget of submodules and time.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CachedRepository } from './cachedRepository.ts';
import {
  DEFAULT_LFS_LIMITS,
  smudgeLfsFiles,
  withinLfsLimits,
  type LfsLimits,
  type PointerFile,
} from './lfs.ts';
import { MAX_POINTER_BYTES, readLfsPointer } from './lfsPointers.ts';
import type { ProgressListener } from './runGit.ts';
import { initSubmodules, type SubmoduleLimits } from './submodules.ts';

export interface ExtractionContext {
  /** The cache of another repository (a submodule's), with its own credentials. */
  repositoryFor(url: string): Promise<CachedRepository>;
  /** Submodules are fetched and written (else left as empty folders, as git leaves them). */
  submodules: boolean;
  /** git-lfs is installed: LFS files are fetched (else left as pointers). */
  lfs: boolean;
  lfsLimits?: LfsLimits;
  submoduleLimits: SubmoduleLimits;
  onProgress?: ProgressListener;
  /** Where private index files go: a path prefix outside every extracted folder. */
  indexPrefix: string;
}

/** Submodules written so far, and the time they must be done by: shared by the whole extraction. */
export interface ExtractionBudget {
  submodulesLeft: number;
  deadline: number;
  indexes: number;
}

export interface TreeEntry {
  mode: string;
  type: string;
  object: string;
  /** bytes of a blob; undefined for a gitlink or tree */
  size: number | undefined;
  path: string;
}

/**
 * Writes `commit` of `repo` into `dir` (empty, existing). `where` is the folder's path in the
 * top repository ('' for the top), for messages; `depth` the submodule nesting.
 */
export async function extractCommit(
  repo: CachedRepository,
  commit: string,
  dir: string,
  context: ExtractionContext,
  budget: ExtractionBudget,
  where = '',
  depth = 0,
): Promise<void> {
  const index = `${context.indexPrefix}.index-${budget.indexes++}`;
  // A private index per extraction: concurrent checkouts of one cache never share one.
  const env = { GIT_INDEX_FILE: index, GIT_WORK_TREE: dir };
  try {
    await repo.git(['read-tree', '--end-of-options', commit], `read tree ${commit} of`, env);
    await repo.git(['checkout-index', '--all'], `extract ${commit} of`, env);
    const entries = parseLsTree(
      await repo.git(['ls-tree', '-r', '-l', '-z', '--full-tree', commit], `list tree ${commit} of`),
    );
    if (context.lfs) {
      const pointers = await pointersIn(dir, entries);
      const chosen = withinLfsLimits(pointers, context.lfsLimits ?? DEFAULT_LFS_LIMITS);
      await smudgeLfsFiles(repo, chosen, env, context.onProgress);
    }
    const gitlinks = entries.filter((entry) => entry.mode === '160000');
    if (context.submodules && gitlinks.length > 0)
      await initSubmodules({ repo, commit, dir, gitlinks, context, budget, where, depth });
  } finally {
    await rm(index, { force: true });
  }
}

/** `git ls-tree -r -l -z` output: `<mode> <type> <object> <size>\t<path>\0`… */
export function parseLsTree(output: string): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of output.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode = '', type = '', object = '', size = '-'] = record.slice(0, tab).split(/ +/);
    entries.push({
      mode,
      type,
      object,
      size: size === '-' ? undefined : Number(size),
      path: record.slice(tab + 1),
    });
  }
  return entries;
}

// Blobs small enough to be pointers, read back from the extracted folder.
async function pointersIn(dir: string, entries: readonly TreeEntry[]): Promise<PointerFile[]> {
  const pointers: PointerFile[] = [];
  for (const entry of entries) {
    if (entry.type !== 'blob' || entry.mode === '120000') continue;
    if (entry.size === undefined || entry.size > MAX_POINTER_BYTES) continue;
    const pointer = await readLfsPointer(join(dir, entry.path));
    if (pointer) pointers.push({ path: entry.path, size: pointer.size });
  }
  return pointers;
}
