// Hostile jsonnet in directory sources: imports that climb out with `..`, absolute imports (of
// the outside marker, of /etc/passwd, of a device), symlinks leading out (refused by the
// repository check, and by the evaluator's importer when it meets one), a FIFO and a folder
// imported, importstr of a file over the size limit, infinite recursion, a loop that never ends,
// output over the limit, output nested too deep, an evaluation that eats memory, library paths
// outside the repository, and TLA / ext var values full of shell characters (kept as text, never
// run). Each becomes a RenderError naming the file; the marker never shows; a good application
// rendered at the same time comes out whole.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { expect } from 'vitest';
import { renderDirectory } from '../../engine/render/directory.ts';
import { renderSource, RenderError } from '../../engine/render/index.ts';
import type { DirectorySourceOptions, RenderSettings } from '../../engine/render/index.ts';
import { tempDir } from '../support/tempDir.ts';
import { badInputCases, type BadInputCase, type OutsideMarker } from './corpus.ts';

const root = tempDir('plumbline-badjsonnet-');
const cacheDir = join(root, 'cache');
let repoCount = 0;

/** A fresh repository of its own with the given files and symlinks. */
function repo(files: Record<string, string>, links: Record<string, string> = {}): string {
  const dir = join(root, `repo-${(repoCount += 1)}`);
  mkdirSync(dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  for (const [path, target] of Object.entries(links)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    symlinkSync(target, join(dir, path));
  }
  return dir;
}

const GOOD = `{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ok' } }`;
/** Limits small enough for the cases to meet them in seconds. */
const SETTINGS: RenderSettings = { maxOutputMegabytes: 1, maxToolMemoryMegabytes: 256 };

interface Outcome {
  objects?: unknown[];
  error?: string;
  file?: string;
}

async function render(dir: string, directory: DirectorySourceOptions = {}): Promise<Outcome> {
  try {
    const result = await renderSource(
      { path: 'app', directory },
      dir,
      { appName: 'bad', destinationNamespace: 'bad-ns' },
      { cacheDir, renderSettings: SETTINGS, hardRefresh: true, timeoutMs: 6000 },
    );
    return { objects: result.objects };
  } catch (error) {
    if (!(error instanceof RenderError)) throw error;
    return { error: error.message, ...(error.file ? { file: error.file } : {}) };
  }
}

/** A case whose render of app/main.jsonnet must fail with a message matching `expected`. */
function refused(
  name: string,
  expected: RegExp,
  build: (marker: OutsideMarker) => { dir: string; directory?: DirectorySourceOptions },
  file: string | null = 'app/main.jsonnet',
): BadInputCase {
  return {
    name,
    outcome: `refused: ${expected.source.replace(/\\/g, '')}`,
    timeoutMs: 30_000,
    run: async (marker) => {
      const { dir, directory } = build(marker);
      const outcome = await render(dir, directory);
      expect(outcome.objects, 'must not render').toBeUndefined();
      expect(outcome.error).toMatch(expected);
      if (file !== null) expect(outcome.file).toBe(file);
      return outcome;
    },
  };
}

const main = (text: string, more: Record<string, string> = {}) => repo({ 'app/main.jsonnet': text, ...more });

const importCases: BadInputCase[] = [
  refused(
    'import of ../../etc/passwd',
    /import "\.\.\/\.\.\/etc\/passwd" in app\/main\.jsonnet leaves the repository/,
    () => ({
      dir: main(`import '../../etc/passwd'`),
    }),
  ),
  refused('importstr climbing to the marker beside the repository', /leaves the repository/, (marker) => {
    const dir = main('');
    const climb = relative(join(dir, 'app'), marker.path);
    writeFileSync(join(dir, 'app/main.jsonnet'), `{ a: importstr '${climb}' }`);
    return { dir };
  }),
  refused(
    'import from a library file that climbs out',
    /import "\.\.\/\.\.\/\.\.\/x\.libsonnet" in lib\/a\.libsonnet leaves the repository/,
    () => ({
      dir: main(`import 'a.libsonnet'`, { 'lib/a.libsonnet': `import '../../../x.libsonnet'` }),
      directory: { jsonnet: { libs: ['lib'] } },
    }),
  ),
  refused(
    'absolute importstr of the marker',
    /is an absolute path: imports stay inside the repository/,
    (marker) => ({
      dir: main(`{ a: importstr '${marker.path}' }`),
    }),
  ),
  refused(
    'absolute import of /etc/passwd and importbin of /dev/zero',
    /"\/dev\/zero" in app\/main\.jsonnet is an absolute path/,
    () => ({
      dir: main(`{ a: importbin '/dev/zero' }`),
    }),
  ),
  refused(
    'a symlink to the marker, imported',
    /the repository holds a symlink pointing outside it: app\/link\.txt/,
    (marker) => ({
      dir: repo({ 'app/main.jsonnet': `{ a: importstr 'link.txt' }` }, { 'app/link.txt': marker.path }),
    }),
    'app/link.txt',
  ),
  {
    name: 'a symlink to the marker folder, met by the evaluator itself',
    outcome:
      'refused: import "out/secret.txt" in app/main.jsonnet leads outside the repository through a symlink',
    run: async (marker) => {
      // renderDirectory alone, without the repository-wide symlink check renderSource makes first
      const dir = repo(
        { 'app/main.jsonnet': `{ a: importstr 'out/secret.txt' }` },
        { 'app/out': marker.dir },
      );
      const error = await renderDirectory(join(dir, 'app'), dir, {}, 1024 * 1024).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RenderError);
      expect((error as RenderError).message).toMatch(
        /import "out\/secret\.txt" in app\/main\.jsonnet leads outside the repository through a symlink/,
      );
      return (error as Error).message;
    },
  },
  refused(
    'a FIFO imported (would block a reader)',
    /import "pipe" in app\/main\.jsonnet is not a regular file/,
    () => {
      const dir = main(`{ a: importstr 'pipe' }`);
      execFileSync('mkfifo', [join(dir, 'app/pipe')]);
      return { dir };
    },
  ),
  refused('a folder imported', /import "sub" in app\/main\.jsonnet is a folder/, () => ({
    dir: main(`import 'sub'`, { 'app/sub/x.txt': '' }),
  })),
  refused(
    'importstr of a file over the size limit',
    /import "big\.txt" in app\/main\.jsonnet is 2\.0 MB, over the limit of 1\.0 MB/,
    () => ({
      dir: main(`{ a: importstr 'big.txt' }`, { 'app/big.txt': 'x'.repeat(2 * 1024 * 1024) }),
    }),
  ),
  refused(
    'a library path climbing out of the repository',
    /jsonnet library path \.\.\/\.\. points outside the repository/,
    () => ({
      dir: main(GOOD),
      directory: { jsonnet: { libs: ['../..'] } },
    }),
    null,
  ),
];

const runawayCases: BadInputCase[] = [
  refused('infinite recursion', /RUNTIME ERROR: max stack frames exceeded/, () => ({
    dir: main(`local f(n) = f(n + 1) + 1; f(0)`),
  })),
  refused('a tail call that never ends', /timed out after 6s|went too deep/, () => ({
    dir: main(`local f(n) = f(n + 1) tailstrict; f(0)`),
  })),
  refused(
    'output over the limit (setting render.maxOutputMegabytes)',
    /jsonnet output is over the limit of 1\.0 MB/,
    () => ({
      dir: main(
        `local x = importstr 'blob.txt'; [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' + i }, data: { x: x } } for i in std.range(1, 10)]`,
        { 'app/blob.txt': 'x'.repeat(200_000) },
      ),
    }),
  ),
  refused(
    'output nested thousands of levels deep',
    /nested more than \d+ levels deep|max stack frames exceeded/,
    () => ({
      dir: main(
        `{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'deep' }, data: std.parseJson(std.repeat('[', 5000) + std.repeat(']', 5000)) }`,
      ),
    }),
  ),
  refused(
    'source nested 400,000 brackets deep',
    /timed out after 6s|went too deep|ran out of memory/,
    () => ({
      dir: main(`${'['.repeat(400_000)}${']'.repeat(400_000)}`),
    }),
  ),
  refused(
    'a source file over the size limit',
    /"app\/main\.jsonnet" in the application is 1\.9 MB, over the limit of 1\.0 MB/,
    () => ({
      dir: main(`// ${'x'.repeat(2_000_000)}\n{}`),
    }),
  ),
  refused(
    'an evaluation that eats memory (setting render.maxToolMemoryMegabytes)',
    /ran out of memory/,
    () => ({
      dir: main(`std.length(std.range(1, 50000000))`),
    }),
  ),
];

const SHELL = `$(touch PWNED); \`touch PWNED\` | rm -rf / && echo "q" 'x' ; \\ > PWNED`;

const variableCases: BadInputCase[] = [
  {
    name: 'TLA and ext var values full of shell characters',
    outcome: 'bound as plain strings, nothing run',
    run: async () => {
      const dir = main(
        `function(v) { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'vars' }, data: { tla: v, ext: std.extVar('e') } }`,
      );
      const outcome = await render(dir, {
        jsonnet: { tlas: [{ name: 'v', value: SHELL }], extVars: [{ name: 'e', value: SHELL }] },
      });
      expect(outcome.error).toBeUndefined();
      expect((outcome.objects?.[0] as { data: unknown }).data).toEqual({ tla: SHELL, ext: SHELL });
      expect(existsSync(join(dir, 'PWNED')) || existsSync(join(dir, 'app/PWNED'))).toBe(false);
      return outcome;
    },
  },
  refused('a TLA as code that imports the marker', /is an absolute path/, (marker) => ({
    dir: main(`function(v) { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: v } }`),
    directory: { jsonnet: { tlas: [{ name: 'v', value: `importstr '${marker.path}'`, code: true }] } },
  })),
  refused(
    'a variable without a name',
    /directory\.jsonnet\.extVars\[0\] needs a name/,
    () => ({
      dir: main(GOOD),
      directory: { jsonnet: { extVars: [{ value: 'x' }] } },
    }),
    null,
  ),
];

const bystanderCases: BadInputCase[] = [
  {
    name: 'hostile jsonnet applications rendered at once with a good one',
    outcome: 'each hostile one refused, the good one rendered whole',
    timeoutMs: 60_000,
    run: async (marker) => {
      const outcomes = await Promise.all([
        render(main(`local f(n) = f(n + 1) tailstrict; f(0)`)),
        render(main(`{ a: importstr '${marker.path}' }`)),
        render(main(GOOD)),
        render(main(`std.length(std.range(1, 50000000))`)),
      ]);
      expect(outcomes.map((outcome) => Boolean(outcome.error))).toEqual([true, true, false, true]);
      expect(outcomes[2]?.objects).toHaveLength(1);
      return outcomes;
    },
  },
];

badInputCases('jsonnet', [...importCases, ...runawayCases, ...variableCases, ...bystanderCases]);
