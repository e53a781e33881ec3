// Puts Plumbline's bundled demo (resources/demo) into the data folder: the config repository
// becomes a local git repository with one commit, and the demo workspace's placeholder repoURLs
// point at it. Idempotent: what is already there, including the user's edits, is kept.
import { randomUUID } from 'node:crypto';
import { cp, mkdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { simpleGit } from 'simple-git';
import { isInside } from '../render/paths.ts';
import { parseYamlValue, readYamlFile } from '../yaml/index.ts';
import { gitIn } from './git.ts';
import { listYamlFiles } from './scan.ts';

/** The word in the bundled demo workspace that stands for the demo repository's URL. */
export const DEMO_REPO_PLACEHOLDER = '__PLUMBLINE_DEMO_REPO__';
/** The word that stands for the demo's destination cluster: a context of the user's kubeconfig. */
export const DEMO_CLUSTER_PLACEHOLDER = '__PLUMBLINE_DEMO_CLUSTER__';
/**
 * The demo's destination when the user has no kube context: a cluster that exists only as the
 * demo's snapshot, so the demo shows drift, health and trees with no cluster at all.
 */
export const DEMO_OFFLINE_CLUSTER = 'plumbline-demo';
/** The demo cluster's snapshot in the bundled demo (resources/scripts/demo-snapshot.ts writes it). */
export const DEMO_SNAPSHOT_FILE = 'snapshot/plumbline-demo.json';

const bundledDemo = fileURLToPath(new URL('../../resources/demo/', import.meta.url));

export interface DemoPaths {
  workspaceDir: string;
  repoDir: string;
  /** The bundled snapshot of the offline demo cluster, for the engine to attach. */
  snapshotFile: string;
  /** The cluster the demo's applications deploy to, as its workspace says now. */
  clusterName: string;
}

export interface DemoOptions {
  /** Where the bundled demo lives (a packaged app keeps resources elsewhere). */
  demoDir?: string;
  /**
   * The cluster (kubeconfig context) the demo deploys to; without one it deploys to the offline
   * demo cluster, which exists only as the bundled snapshot.
   */
  clusterName?: string;
}

export async function materializeDemo(dataDir: string, options: DemoOptions = {}): Promise<DemoPaths> {
  const source = options.demoDir ?? bundledDemo;
  const demoRoot = join(dataDir, 'demo');
  const paths = {
    workspaceDir: join(demoRoot, 'workspace'),
    repoDir: join(demoRoot, 'repo'),
    snapshotFile: join(source, DEMO_SNAPSHOT_FILE),
  };
  await mkdir(demoRoot, { recursive: true });

  if (!(await hasCommit(paths.repoDir))) {
    await buildInPlace(paths.repoDir, async (dir) => {
      await cp(join(source, 'repo'), dir, { recursive: true });
      const git = await gitIn(dir);
      await git.raw(['init', '--quiet', '--initial-branch=main']);
      await git.raw(['add', '--all']);
      await git.raw(['commit', '--quiet', '-m', 'Plumbline demo configuration']);
    });
  }
  if (!(await exists(paths.workspaceDir))) {
    await buildInPlace(paths.workspaceDir, async (dir) => {
      await cp(join(source, 'workspace'), dir, { recursive: true });
      await fillPlaceholders(dir, {
        [DEMO_REPO_PLACEHOLDER]: pathToFileURL(paths.repoDir).href,
        [DEMO_CLUSTER_PLACEHOLDER]: options.clusterName ?? DEMO_OFFLINE_CLUSTER,
      });
    });
  }
  return { ...paths, clusterName: await demoDestination(paths.workspaceDir) };
}

interface DemoProject {
  spec?: { destinations?: Array<{ name?: unknown }> };
}

/**
 * The cluster the demo's project allows, read back from the workspace: it was filled in when the
 * demo was first made (and the user may have changed it since).
 */
async function demoDestination(workspaceDir: string): Promise<string> {
  try {
    // the safe reader and loader: the file is the user's now (a FIFO, a bomb, a huge file)
    const file = join(workspaceDir, 'projects', 'demo.yaml');
    // a symlink out of the workspace is not the demo's project
    if (!isInside(await realpath(workspaceDir), await realpath(file))) return DEMO_OFFLINE_CLUSTER;
    const text = await readYamlFile(file, { what: 'demo project' });
    const project = parseYamlValue(text, { source: file }) as DemoProject | null;
    const name = project?.spec?.destinations?.[0]?.name;
    return typeof name === 'string' && name !== '' ? name : DEMO_OFFLINE_CLUSTER;
  } catch {
    // a project file the user broke or removed: the workspace's loader reports it
    return DEMO_OFFLINE_CLUSTER;
  }
}

async function fillPlaceholders(workspaceDir: string, values: Record<string, string>): Promise<void> {
  const { files } = await listYamlFiles(workspaceDir);
  for (const file of files) {
    const path = join(workspaceDir, file);
    const text = await readFile(path, 'utf8');
    let filled = text;
    for (const [placeholder, value] of Object.entries(values)) filled = filled.replaceAll(placeholder, value);
    if (filled !== text) await writeFile(path, filled);
  }
}

/**
 * Builds `target` in a sibling folder and renames it into place, so a crash halfway leaves no
 * half-made demo behind (a stale remnant at `target` is replaced).
 */
async function buildInPlace(target: string, build: (dir: string) => Promise<void>): Promise<void> {
  const partial = `${target}.partial-${randomUUID().slice(0, 8)}`;
  try {
    await build(partial);
    await rm(target, { recursive: true, force: true });
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw new Error(`prepare demo ${target}: ${(error as Error).message}`, { cause: error });
  }
}

async function hasCommit(repoDir: string): Promise<boolean> {
  if (!(await exists(join(repoDir, '.git')))) return false;
  return simpleGit({ baseDir: repoDir })
    .raw(['rev-parse', '--verify', '--quiet', 'HEAD'])
    .then(
      (sha) => sha.trim() !== '',
      () => false,
    );
}

function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
