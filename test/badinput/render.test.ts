// Hostile repositories against the render sandbox, each rendered with the real helm and kustomize
// the engine resolves: source paths that climb out, are absolute, huge or hold a NUL; symlinks to
// files and folders outside; charts whose values.schema.json `$ref`s reach files or URLs (also in
// subcharts and packaged .tgz subcharts); release names, namespaces and versions that look like
// helm flags; kustomizations whose every path field escapes, remote bases with the setting off, a
// symlinked kustomization; renders over the output, object and memory limits; git revisions that
// look like options. Each becomes a RenderError (or repository error) naming what is wrong, the
// outside marker never appears in anything produced, and a bystander application rendered in the
// same engine stays correct.
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { createRepositoryCache } from '../../engine/git/index.ts';
import { renderSource } from '../../engine/render/index.ts';
import type { RenderSettings, RenderSource } from '../../engine/render/index.ts';
import { resolveTool, runTool, ToolArgs } from '../../engine/tools/index.ts';
import { git, makeRemote } from '../support/gitFixtures.ts';
import { tempDir } from '../support/tempDir.ts';
import { badInputCases, type BadInputCase, type OutsideMarker } from './corpus.ts';

const root = tempDir('plumbline-badrender-');
const cacheDir = join(root, 'cache');
let repoCount = 0;

/** A fresh repository of its own (a checkout folder), so a case's symlinks touch no other case. */
function repo(files: Record<string, string>, links: Record<string, string> = {}): string {
  const dir = join(root, `repo-${(repoCount += 1)}`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  for (const [path, target] of Object.entries(links)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    symlinkSync(target, join(dir, path));
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A folder beside the repositories holding a kustomization whose ConfigMap carries the marker. */
function outsideKustomization(marker: OutsideMarker): string {
  const dir = join(root, `outside-${(repoCount += 1)}`);
  mkdirSync(dir, { recursive: true });
  const secret = readFileSync(marker.path, 'utf8').trim();
  writeFileSync(join(dir, 'kustomization.yaml'), 'resources: [cm.yaml]\n');
  writeFileSync(
    join(dir, 'cm.yaml'),
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: stolen\ndata:\n  secret: ${secret}\n`,
  );
  return dir;
}

const CONFIGMAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\ndata:\n  a: "1"\n';

/** A chart whose ConfigMap prints `.Values.x`, so a value read from a file would show. */
function chartFiles(prefix = '', name = 'demo'): Record<string, string> {
  return {
    [`${prefix}Chart.yaml`]: `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`,
    [`${prefix}values.yaml`]: 'x: plain\n',
    [`${prefix}templates/cm.yaml`]:
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  x: {{ .Values.x | quote }}\n',
  };
}

function kustomizeApp(kustomization: string, extra: Record<string, string> = {}): Record<string, string> {
  return { 'app/kustomization.yaml': kustomization, 'app/cm.yaml': CONFIGMAP, ...extra };
}

interface Outcome {
  objects?: unknown[];
  error?: string;
}

async function render(
  dir: string | undefined,
  source: RenderSource,
  renderSettings: RenderSettings = {},
): Promise<Outcome> {
  try {
    const result = await renderSource(
      source,
      dir,
      { appName: 'bad', destinationNamespace: 'bad-ns' },
      { cacheDir, renderSettings, hardRefresh: true },
    );
    return { objects: result.objects };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** The bystander: a plain application rendered by the same engine, which must come out whole. */
const bystanderRepo = () => repo({ 'bystander/cm.yaml': CONFIGMAP });

async function bystanderIsCorrect(): Promise<void> {
  const dir = repo({ 'app/cm.yaml': CONFIGMAP, 'app/kustomization.yaml': 'resources: [cm.yaml]\n' });
  const [plain, kustomized] = await Promise.all([
    render(dir, { path: 'app', directory: { include: 'cm.yaml' } }),
    render(dir, { path: 'app' }),
  ]);
  expect(plain.objects, plain.error).toHaveLength(1);
  expect(kustomized.objects, kustomized.error).toHaveLength(1);
}

/** A case whose render must fail with a message matching `expected`. */
function refused(
  name: string,
  expected: RegExp,
  build: (marker: OutsideMarker) => { dir?: string; source: RenderSource; settings?: RenderSettings },
  after?: (marker: OutsideMarker) => void,
): BadInputCase {
  return {
    name,
    outcome: `refused: ${expected.source.replace(/\\/g, '')}`,
    run: async (marker) => {
      const { dir, source, settings } = build(marker);
      const outcome = await render(dir, source, settings);
      expect(outcome.objects, 'must not render').toBeUndefined();
      expect(outcome.error).toMatch(expected);
      after?.(marker);
      return outcome;
    },
  };
}

const longPath = Array(20_000).fill('a').join('/');

const pathCases: BadInputCase[] = [
  refused('source.path climbing out with ..', /app path \.\.\/\.\. points outside the repository/, () => ({
    dir: repo({ 'app/cm.yaml': CONFIGMAP }),
    source: { path: '../..' },
  })),
  refused('source.path absolute, naming the marker folder', /app path .* is absolute/, (marker) => ({
    dir: repo({ 'app/cm.yaml': CONFIGMAP }),
    source: { path: marker.dir },
  })),
  refused('source.path a symlink to a folder outside', /symlink/, (marker) => ({
    dir: repo({ 'app/cm.yaml': CONFIGMAP }, { out: marker.dir }),
    source: { path: 'out' },
  })),
  refused(
    'a manifest symlinked to a file outside',
    /symlink pointing outside it: app\/secret\.yaml/,
    (marker) => ({
      dir: repo({ 'app/cm.yaml': CONFIGMAP }, { 'app/secret.yaml': marker.path }),
      source: { path: 'app' },
    }),
  ),
  {
    name: 'source.path of 40,000 characters',
    outcome: 'refused at once: over the limit of 4096',
    run: async () => {
      const started = performance.now();
      const outcome = await render(repo({ 'a/cm.yaml': CONFIGMAP }), { path: longPath });
      expect(outcome.error).toMatch(/app path is 39999 characters long, over the limit of 4096/);
      expect(performance.now() - started).toBeLessThan(2000);
      return outcome;
    },
  },
  refused('source.path holding a NUL', /contains a NUL or a line break/, () => ({
    dir: repo({ 'app/cm.yaml': CONFIGMAP }),
    source: { path: 'app\0/../../etc' },
  })),
];

const helmCases: BadInputCase[] = [
  refused(
    'helm releaseName --set-file=x=<marker>',
    /helm release name "--set-file=x=.*" can not start with "-"/,
    (marker) => ({
      dir: repo(chartFiles('chart/')),
      source: { path: 'chart', helm: { releaseName: `--set-file=x=${marker.path}` } },
    }),
  ),
  refused(
    'helm releaseName --output-dir=<folder>',
    /helm release name "--output-dir=.*" can not start with "-"/,
    (marker) => ({
      dir: repo(chartFiles('chart/')),
      source: { path: 'chart', helm: { releaseName: `--output-dir=${join(marker.dir, 'written')}` } },
    }),
    (marker) => expect(existsSync(join(marker.dir, 'written'))).toBe(false),
  ),
  refused(
    'helm namespace --set-file=x=<marker>',
    /helm namespace "--set-file=.*" can not start/,
    (marker) => ({
      dir: repo(chartFiles('chart/')),
      source: { path: 'chart', helm: { namespace: `--set-file=x=${marker.path}` } },
    }),
  ),
  refused('helm apiVersions entry --set-file', /API version "--set-file=.*" can not start/, (marker) => ({
    dir: repo(chartFiles('chart/')),
    source: { path: 'chart', helm: { apiVersions: [`--set-file=x=${marker.path}`] } },
  })),
  refused('helm kubeVersion --set-file', /could not parse kubernetes version/, (marker) => ({
    dir: repo(chartFiles('chart/')),
    source: { path: 'chart', helm: { kubeVersion: `--set-file=x=${marker.path}` } },
  })),
  refused(
    'helm parameter named --set-file=x',
    /helm parameter "--set-file=x=.*" can not start/,
    (marker) => ({
      dir: repo(chartFiles('chart/')),
      source: { path: 'chart', helm: { parameters: [{ name: `--set-file=x`, value: marker.path }] } },
    }),
  ),
  refused(
    'helm fileParameter climbing out with ..',
    /helm file parameter .* points outside the repository/,
    () => ({
      dir: repo(chartFiles('chart/')),
      source: {
        path: 'chart',
        helm: { fileParameters: [{ name: 'x', path: '../../../private/secret.txt' }] },
      },
    }),
  ),
  refused(
    'helm fileParameter naming the marker absolutely',
    /helm file parameter .* does not exist/,
    (marker) => ({
      dir: repo(chartFiles('chart/')),
      source: { path: 'chart', helm: { fileParameters: [{ name: 'x', path: marker.path }] } },
    }),
  ),
  refused('helm value file outside with ..', /value file .* points outside the repository/, () => ({
    dir: repo(chartFiles('chart/')),
    source: { path: 'chart', helm: { valueFiles: ['../../../private/secret.txt'] } },
  })),
  refused('helm value file as file:// URL', /only http and https URLs are allowed/, (marker) => ({
    dir: repo(chartFiles('chart/')),
    source: { path: 'chart', helm: { valueFiles: [`file://${marker.path}`] } },
  })),
  refused(
    'helm value file symlinked to the marker',
    /symlink pointing outside it: chart\/leak\.yaml/,
    (marker) => ({
      dir: repo(chartFiles('chart/'), { 'chart/leak.yaml': marker.path }),
      source: { path: 'chart', helm: { valueFiles: ['leak.yaml'] } },
    }),
  ),
  refused(
    'helm repository chart version --set-file',
    /chart version "--set-file=.*" can not start/,
    (marker) => ({
      source: {
        repoURL: 'http://127.0.0.1:9/charts',
        chart: 'demo',
        targetRevision: `--set-file=x=${marker.path}`,
      },
    }),
  ),
  refused('helm repository chart named like a flag', /invalid chart name/, () => ({
    source: { repoURL: 'http://127.0.0.1:9/charts', chart: '--untardir=/tmp', targetRevision: '1.0.0' },
  })),
];

const schema = (refs: Record<string, unknown>) =>
  JSON.stringify({ type: 'object', properties: Object.fromEntries(Object.entries(refs)) });

const schemaCases: BadInputCase[] = [
  refused(
    'values.schema.json $ref file:// to the marker',
    /chart\/values\.schema\.json: \$ref: file:\/\/.* points outside the chart/,
    (marker) => ({
      dir: repo({
        ...chartFiles('chart/'),
        'chart/values.schema.json': schema({ x: { $ref: `file://${marker.path}` } }),
      }),
      source: { path: 'chart' },
    }),
  ),
  refused(
    'values.schema.json relative $ref climbing to the marker',
    /points outside the chart/,
    (marker) => ({
      dir: repo({
        ...chartFiles('chart/'),
        'chart/values.schema.json': schema({ x: { $ref: `../../../../../../..${marker.path}` } }),
      }),
      source: { path: 'chart' },
    }),
  ),
  refused(
    'values.schema.json $ref over http',
    /would be fetched from the network; remote schema references are off/,
    () => ({
      dir: repo({
        ...chartFiles('chart/'),
        'chart/values.schema.json': schema({ x: { $ref: 'http://127.0.0.1:9/s.json' } }),
      }),
      source: { path: 'chart' },
    }),
  ),
  refused('values.schema.json $id file:/// with a relative $ref', /points outside the chart/, (marker) => ({
    dir: repo({
      ...chartFiles('chart/'),
      'chart/values.schema.json': JSON.stringify({
        $id: `file://${marker.dir}/`,
        properties: { x: { $ref: 'secret.txt' } },
      }),
    }),
    source: { path: 'chart' },
  })),
  refused(
    'values.schema.json with an unknown file $schema',
    /\$schema: file:.* points outside the chart/,
    (marker) => ({
      dir: repo({
        ...chartFiles('chart/'),
        'chart/values.schema.json': JSON.stringify({ $schema: `file://${marker.path}` }),
      }),
      source: { path: 'chart' },
    }),
  ),
  refused(
    'a subchart folder whose schema reaches the marker',
    /chart\/charts\/sub\/values\.schema\.json: \$ref/,
    (marker) => ({
      dir: repo({
        ...chartFiles('chart/'),
        ...chartFiles('chart/charts/sub/', 'sub'),
        'chart/charts/sub/values.schema.json': schema({ x: { $ref: `file://${marker.path}` } }),
      }),
      source: { path: 'chart' },
    }),
  ),
  {
    name: 'a packaged subchart (.tgz) whose schema reaches the marker',
    outcome: 'refused, naming charts/sub-0.1.0.tgz:sub/values.schema.json',
    run: async (marker) => {
      const dir = repo({ ...chartFiles('chart/'), ...chartFiles('src/', 'sub') });
      writeFileSync(join(dir, 'src', 'values.schema.json'), schema({ x: { $ref: `file://${marker.path}` } }));
      const helm = await resolveTool('helm', { cacheDir });
      mkdirSync(join(dir, 'chart', 'charts'));
      const pack = new ToolArgs('package').option('--destination', join(dir, 'chart', 'charts'), 'folder');
      await runTool(helm.path, pack.operand(join(dir, 'src'), 'chart'));
      const outcome = await render(dir, { path: 'chart' });
      expect(outcome.error).toMatch(
        /chart\/charts\/sub-0\.1\.0\.tgz:sub\/values\.schema\.json: \$ref: file:/,
      );
      return outcome;
    },
  },
  {
    name: 'values.schema.json with only references into the document',
    outcome: 'rendered and validated by helm',
    run: async () => {
      const text = JSON.stringify({
        $defs: { name: { type: 'string' } },
        properties: { x: { $ref: '#/$defs/name' } },
      });
      const outcome = await render(repo({ ...chartFiles('chart/'), 'chart/values.schema.json': text }), {
        path: 'chart',
      });
      expect(outcome.objects, outcome.error).toHaveLength(1);
      await bystanderIsCorrect();
      return outcome;
    },
  },
];

const kustomizeCases: BadInputCase[] = [
  refused(
    'kustomize resources climbing to a kustomization outside',
    /resources entry ".*outside-\d+" points outside the repository/,
    (marker) => {
      const outside = outsideKustomization(marker);
      return {
        dir: repo(kustomizeApp(`resources: [../../${outside.split('/').pop()}]\n`)),
        source: { path: 'app' },
      };
    },
  ),
  refused(
    'kustomize resources with enough ../ to reach /',
    /resources entry .* points outside the repository/,
    (marker) => {
      const outside = outsideKustomization(marker);
      return {
        dir: repo(kustomizeApp(`resources: [${'../'.repeat(30)}${outside.slice(1)}]\n`)),
        source: { path: 'app' },
      };
    },
  ),
  refused(
    'kustomize resources naming the marker file absolutely',
    /resources entry ".*secret\.txt" points outside/,
    (marker) => ({
      dir: repo(kustomizeApp(`resources: [${marker.path}]\n`)),
      source: { path: 'app' },
    }),
  ),
  refused('kustomize patches path outside', /patches\.path entry .* points outside/, (marker) => ({
    dir: repo(kustomizeApp(`resources: [cm.yaml]\npatches:\n  - path: ${marker.path}\n`)),
    source: { path: 'app' },
  })),
  refused('kustomize patchesStrategicMerge outside', /patchesStrategicMerge entry .* points outside/, () => ({
    dir: repo(kustomizeApp('resources: [cm.yaml]\npatchesStrategicMerge: [../../private/secret.txt]\n')),
    source: { path: 'app' },
  })),
  refused(
    'kustomize configMapGenerator file of the marker',
    /configMapGenerator\.files entry .* points outside/,
    (marker) => ({
      dir: repo(kustomizeApp(`configMapGenerator:\n  - name: leak\n    files: [key=${marker.path}]\n`)),
      source: { path: 'app' },
    }),
  ),
  refused(
    'kustomize secretGenerator envs outside',
    /secretGenerator\.envs entry .* points outside/,
    (marker) => ({
      dir: repo(kustomizeApp(`secretGenerator:\n  - name: leak\n    envs: [${marker.path}]\n`)),
      source: { path: 'app' },
    }),
  ),
  refused('kustomize components outside', /components entry .* points outside/, (marker) => {
    const outside = outsideKustomization(marker);
    return {
      dir: repo(kustomizeApp(`resources: [cm.yaml]\ncomponents: [${outside}]\n`)),
      source: { path: 'app' },
    };
  }),
  refused('kustomize crds outside', /crds entry .* points outside/, (marker) => ({
    dir: repo(kustomizeApp(`resources: [cm.yaml]\ncrds: [${marker.path}]\n`)),
    source: { path: 'app' },
  })),
  refused('kustomize openapi path outside', /openapi\.path entry .* points outside/, (marker) => ({
    dir: repo(kustomizeApp(`resources: [cm.yaml]\nopenapi:\n  path: ${marker.path}\n`)),
    source: { path: 'app' },
  })),
  refused(
    'kustomize helmCharts valuesFile outside',
    /helmCharts\.valuesFile entry .* points outside/,
    (marker) => ({
      dir: repo(kustomizeApp(`helmCharts:\n  - name: x\n    valuesFile: ${marker.path}\n`)),
      source: { path: 'app' },
    }),
  ),
  refused(
    'kustomize escape in a base the overlay reaches',
    /base\/kustomization\.yaml: resources entry .* points outside/,
    (marker) => ({
      dir: repo({
        ...kustomizeApp('resources: [../base]\n'),
        'base/kustomization.yaml': `resources: [${outsideKustomization(marker)}]\n`,
      }),
      source: { path: 'app' },
    }),
  ),
  refused(
    'kustomize remote base over https, setting off',
    /is remote; remote kustomize bases are off/,
    () => ({
      dir: repo(
        kustomizeApp(
          'resources: [https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v3.3.1]\n',
        ),
      ),
      source: { path: 'app' },
    }),
  ),
  refused('kustomize remote base in go-getter form, setting off', /would fetch it as a remote base/, () => ({
    dir: repo(kustomizeApp('resources: [github.com/kubernetes-sigs/kustomize/examples/helloWorld]\n')),
    source: { path: 'app' },
  })),
  refused('kustomize resource over http, setting off', /is remote; remote kustomize bases are off/, () => ({
    dir: repo(kustomizeApp('resources: [http://127.0.0.1:9/cm.yaml]\n')),
    source: { path: 'app' },
  })),
  refused(
    'a symlinked kustomization.yaml pointing outside',
    /symlink pointing outside it: app\/kustomization\.yaml/,
    (marker) => ({
      dir: repo(
        { 'app/cm.yaml': CONFIGMAP },
        { 'app/kustomization.yaml': join(outsideKustomization(marker), 'kustomization.yaml') },
      ),
      source: { path: 'app' },
    }),
  ),
  refused(
    "kustomize file resource outside its kustomization's folder (inside the repository)",
    /render kustomization app: .*(security|not in or below)/,
    () => ({
      dir: repo({ ...kustomizeApp('resources: [../other/cm.yaml]\n'), 'other/cm.yaml': CONFIGMAP }),
      source: { path: 'app' },
    }),
  ),
];

// A chart that prints many ConfigMaps: enough output, time and memory to meet a small limit.
const BIG_CHART = {
  'big/Chart.yaml': 'apiVersion: v2\nname: big\nversion: 0.1.0\n',
  'big/templates/many.yaml':
    '{{- range $i := until 3000 }}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-{{ $i }}\ndata:\n  text: {{ repeat 400 "x" | quote }}\n{{- end }}\n',
};

const limitCases: BadInputCase[] = [
  refused(
    'a chart printing 1.3 MB with a 1 MB output limit',
    /helm was stopped: its output is over the limit of 1 MB/,
    () => ({
      dir: repo(BIG_CHART),
      source: { path: 'big' },
      settings: { maxOutputMegabytes: 1 },
    }),
  ),
  refused(
    'a chart rendering 3,000 objects with a limit of 1,000',
    /produced 3000 objects, over the limit of 1000/,
    () => ({
      dir: repo(BIG_CHART),
      source: { path: 'big' },
      settings: { maxObjects: 1000 },
    }),
  ),
  {
    name: 'a chart over a 30 MB memory limit',
    outcome: 'helm killed, the condition says how much it used',
    timeoutMs: 60_000,
    run: async () => {
      const outcome = await render(repo(BIG_CHART), { path: 'big' }, { maxToolMemoryMegabytes: 30 });
      expect(outcome.error).toMatch(/helm was stopped: it used [\d.]+ MB of memory, over the limit of 30 MB/);
      await bystanderIsCorrect();
      return outcome;
    },
  },
  refused(
    'a plain folder of 3 MB with a 1 MB limit',
    /over the limit of 1 MB \(setting render\.maxOutputMegabytes\)/,
    () => ({
      dir: repo({ 'app/big.yaml': `${CONFIGMAP}  b: "${'y'.repeat(3 * 1024 * 1024)}"\n` }),
      source: { path: 'app' },
      settings: { maxOutputMegabytes: 1 },
    }),
  ),
];

const gitCases: BadInputCase[] = [
  {
    name: 'targetRevision --upload-pack=<command writing into the marker folder>',
    outcome: 'refused: a revision can not start with "-"; nothing written',
    run: async (marker) => {
      const remote = await makeRemote(join(root, `git-${(repoCount += 1)}`));
      await remote.commit({ 'app/cm.yaml': CONFIGMAP }, 'first');
      await remote.push('main');
      const cache = createRepositoryCache({ cacheDir: join(root, 'git-cache') });
      const touched = join(marker.dir, 'touched');
      const messages: string[] = [];
      for (const revision of [`--upload-pack=touch ${touched}`, '-h', `--output=${touched}`]) {
        messages.push(
          await cache.resolveRevision(remote.bare, revision).catch((error: Error) => error.message),
        );
        messages.push(await cache.headOf(remote.bare, revision).catch((error: Error) => error.message));
        messages.push(
          await cache.log(remote.bare, revision, 5).then(String, (error: Error) => error.message),
        );
      }
      for (const message of messages) expect(message).toMatch(/can not start with "-"/);
      expect(existsSync(touched)).toBe(false);
      expect(await git(remote.work, 'rev-parse', 'HEAD')).toBe(
        await cache.resolveRevision(remote.bare, 'main'),
      );
      return messages;
    },
  },
  {
    name: 'repoURL --upload-pack=<command>',
    outcome: 'refused: a repository URL can not start with "-"',
    run: async (marker) => {
      const cache = createRepositoryCache({ cacheDir: join(root, 'git-cache') });
      const message = await cache
        .resolveRevision(`--upload-pack=touch ${join(marker.dir, 'touched')}`, 'main')
        .catch((error: Error) => error.message);
      expect(message).toMatch(/can not start with "-"/);
      expect(readdirSync(marker.dir)).toEqual(['secret.txt']);
      return message;
    },
  },
];

const bystanderCases: BadInputCase[] = [
  {
    name: 'hostile applications rendered at once with a good one',
    outcome: 'each hostile one refused, the good one rendered whole',
    timeoutMs: 60_000,
    run: async (marker) => {
      const good = bystanderRepo();
      const outcomes = await Promise.all([
        render(repo(chartFiles('chart/')), {
          path: 'chart',
          helm: { releaseName: `--set-file=x=${marker.path}` },
        }),
        render(repo(kustomizeApp(`resources: [${outsideKustomization(marker)}]\n`)), { path: 'app' }),
        render(good, { path: 'bystander' }),
        render(repo(BIG_CHART), { path: 'big' }, { maxObjects: 10 }),
      ]);
      expect(outcomes.map((outcome) => Boolean(outcome.error))).toEqual([true, true, false, true]);
      expect(outcomes[2]?.objects).toHaveLength(1);
      return outcomes;
    },
  },
];

badInputCases('render', [
  ...pathCases,
  ...helmCases,
  ...schemaCases,
  ...kustomizeCases,
  ...limitCases,
  ...gitCases,
  ...bystanderCases,
]);
