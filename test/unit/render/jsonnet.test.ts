// Jsonnet in directory sources, as Argo CD's repo server evaluates it (go-jsonnet, the same
// version): the two jsonnet examples of argocd-example-apps, ext vars and TLAs (code or string,
// with ${ARGOCD_APP_*}), library paths, import resolution, recurse/include/exclude, object and
// array output, .libsonnet never evaluated alone, errors naming the file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderSource, RenderError } from '../../../engine/render/index.ts';
import type { KubeObject, RenderContext } from '../../../engine/render/index.ts';
import { withMemoryCap } from '../../../engine/render/jsonnet/module.ts';

const EXAMPLES = fileURLToPath(new URL('../../fixtures/jsonnet/argocd-example-apps', import.meta.url));
const context: RenderContext = { appName: 'guestbook', destinationNamespace: 'web', projectName: 'default' };

let root: string;
let repo: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'plumbline-jsonnet-'));
  repo = join(root, 'repo');
  await cp(EXAMPLES, repo, { recursive: true });
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function files(entries: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(entries)) {
    await mkdir(dirname(join(repo, path)), { recursive: true });
    await writeFile(join(repo, path), text);
  }
}

function render(path: string, directory: object = {}) {
  return renderSource({ path, directory, repoURL: 'https://git.example/apps.git' }, repo, context, {
    cacheDir: join(root, 'cache'),
    commitSha: 'abcdef0123456789',
  });
}

function failure(path: string, directory: object = {}): Promise<RenderError> {
  return render(path, directory).then(
    () => {
      throw new Error('the render was expected to fail');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(RenderError);
      return error as RenderError;
    },
  );
}

/** The objects without Plumbline's tracking annotation and the namespace it fills in. */
const plain = (objects: KubeObject[]) =>
  objects.map(({ metadata: { annotations: _a, namespace: _n, ...metadata }, ...rest }) => ({
    ...rest,
    metadata,
  }));
const ids = (objects: KubeObject[]) => objects.map((o) => `${o.kind}/${o.metadata.name}`);

function guestbook(name: string, replicas: number, image: string, type = 'LoadBalancer', port = 80) {
  return [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name },
      spec: { ports: [{ port, targetPort: port }], selector: { app: name }, type },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name },
      spec: {
        replicas,
        revisionHistoryLimit: 3,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: { containers: [{ image, name, ports: [{ containerPort: port }] }] },
        },
      },
    },
  ];
}

describe('the jsonnet examples of argocd-example-apps', () => {
  it('jsonnet-guestbook: its params.libsonnet imported, not evaluated alone', async () => {
    const result = await render('jsonnet-guestbook');
    expect(result.sourceType).toBe('Directory');
    expect(plain(result.objects)).toEqual(
      guestbook('jsonnet-guestbook-ui', 1, 'gcr.io/google-samples/gb-frontend:v5'),
    );
    expect(result.objects.every((o) => o.metadata.namespace === 'web')).toBe(true);
  });

  it('jsonnet-guestbook-tla: defaults, and TLAs as strings and as code', async () => {
    expect(plain((await render('jsonnet-guestbook-tla')).objects)).toEqual(
      guestbook('jsonnet-guestbook-ui', 1, 'gcr.io/google-samples/gb-frontend:v5'),
    );
    const tlas = [
      { name: 'name', value: '$ARGOCD_APP_NAME-ui' },
      { name: 'replicas', value: '1 + 2', code: true },
      { name: 'type', value: 'ClusterIP' },
      { name: 'containerPort', value: '8080', code: true },
      { name: 'servicePort', value: '8080', code: true },
    ];
    expect(plain((await render('jsonnet-guestbook-tla', { jsonnet: { tlas } })).objects)).toEqual(
      guestbook('guestbook-ui', 3, 'gcr.io/google-samples/gb-frontend:v5', 'ClusterIP', 8080),
    );
  });
});

describe('ext vars and top-level arguments', () => {
  beforeAll(() =>
    files({
      'vars/cm.jsonnet': `function(count=1, label='none') {
        apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: std.extVar('name') },
        data: { count: std.toString(count), countType: std.type(count), label: label,
                env: std.toString(std.extVar('env')), envType: std.type(std.extVar('env')) },
      }`,
    }),
  );

  it('binds strings, or jsonnet code when code is true, after Argo CD substitution', async () => {
    const { objects } = await render('vars', {
      jsonnet: {
        extVars: [
          { name: 'name', value: '${ARGOCD_APP_NAME}-${ARGOCD_APP_REVISION_SHORT}' },
          { name: 'env', value: '{ a: 1 }', code: true },
        ],
        tlas: [
          { name: 'count', value: '2 * 21', code: true },
          { name: 'label', value: '2 * 21' },
        ],
      },
    });
    expect(objects[0]?.metadata.name).toBe('guestbook-abcdef0');
    expect(objects[0]?.data).toEqual({
      count: '42',
      countType: 'number',
      label: '2 * 21',
      env: '{"a": 1}',
      envType: 'object',
    });
  });

  it('keeps a string value whole, shell characters and all', async () => {
    const value = '$(touch /tmp/x); `id` | rm -rf / && echo "quoted" \'single\' \\ ${HOME}';
    const { objects } = await render('vars', {
      jsonnet: {
        extVars: [
          { name: 'name', value: 'plain' },
          { name: 'env', value: '' },
        ],
        tlas: [{ name: 'label', value }],
      },
    });
    // $HOME is not Argo CD's build environment: it becomes empty, as Argo CD's envsubst makes it
    expect(objects[0]?.data).toMatchObject({ label: value.replace('${HOME}', '') });
  });

  it('names the file when a variable is missing or its code does not parse', async () => {
    const missing = await failure('vars', { jsonnet: { tlas: [{ name: 'count', value: '1', code: true }] } });
    expect(missing.message).toMatch(
      /^Failed to evaluate jsonnet "vars\/cm\.jsonnet": RUNTIME ERROR: Undefined external variable: \w+/,
    );
    expect(missing.file).toBe('vars/cm.jsonnet');
    const bad = await failure('vars', {
      jsonnet: {
        extVars: [
          { name: 'name', value: 'x' },
          { name: 'env', value: '{ a: ', code: true },
        ],
      },
    });
    expect(bad.message).toMatch(/vars\/cm\.jsonnet.*extvar:env/s);
  });
});

describe('imports and library paths', () => {
  beforeAll(() =>
    files({
      'libs/shared/labels.libsonnet': `{ team: 'shop' }`,
      'libs/other/labels.libsonnet': `{ team: 'other' }`,
      'imports/app/local.libsonnet': `{ name: 'from-app-folder' }`,
      'imports/app/sub/nested.libsonnet': `{ cm(name): { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: name, labels: import 'labels.libsonnet' } } }`,
      'imports/app/main.jsonnet': `local n = import 'sub/nested.libsonnet';
        [n.cm((import 'local.libsonnet').name), n.cm(importstr 'sub/text.txt')]`,
      'imports/app/sub/text.txt': `from-importstr`,
    }),
  );

  it('resolves imports from the importing file, then libs (last first), then the application folder', async () => {
    const shared = await render('imports/app', { jsonnet: { libs: ['libs/shared'] } });
    expect(ids(shared.objects)).toEqual(['ConfigMap/from-app-folder', 'ConfigMap/from-importstr']);
    expect(shared.objects[0]?.metadata.labels).toEqual({ team: 'shop' });
    const both = await render('imports/app', { jsonnet: { libs: ['libs/shared', '/libs/other'] } });
    expect(both.objects[0]?.metadata.labels).toEqual({ team: 'other' });
  });

  it('says which import it could not find', async () => {
    const error = await failure('imports/app');
    expect(error.message).toMatch(
      /couldn't open import "labels\.libsonnet": no match locally or in the Jsonnet library paths/,
    );
    expect(error.file).toBe('imports/app/main.jsonnet');
  });

  it('refuses a library path outside the repository', async () => {
    const error = await failure('imports/app', { jsonnet: { libs: ['../elsewhere'] } });
    expect(error.message).toMatch(/jsonnet library path \.\.\/elsewhere points outside the repository/);
  });
});

describe('which files, and what their output may be', () => {
  beforeAll(() =>
    files({
      'mixed/a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a-yaml\n',
      'mixed/b.jsonnet': `{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b-object' } }`,
      'mixed/c.json': '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c-json"}}',
      'mixed/d.libsonnet': `error 'a .libsonnet is never evaluated alone'`,
      'mixed/sub/e.jsonnet': `[{ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'e-list-item' } }] }]`,
      'mixed/sub/f.jsonnet': `// +argocd:skip-file-rendering\nerror 'skipped'`,
      'mixed/sub/g.jsonnet': `[]`,
      'shapes/number.jsonnet': `42`,
      'shapes/array-of-strings/x.jsonnet': `['a']`,
      'shapes/no-kind/x.jsonnet': `{ apiVersion: 'v1', metadata: { name: 'x' } }`,
      'errors/a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fine\n',
      'errors/b.jsonnet': `{ a: error 'broken on purpose' }`,
      'errors/c.jsonnet': `{ syntax error`,
    }),
  );

  it('evaluates .jsonnet beside YAML and JSON in the walk order; recurse, include and exclude apply', async () => {
    expect(ids((await render('mixed')).objects)).toEqual([
      'ConfigMap/a-yaml',
      'ConfigMap/b-object',
      'ConfigMap/c-json',
    ]);
    expect(ids((await render('mixed', { recurse: true })).objects)).toEqual([
      'ConfigMap/a-yaml',
      'ConfigMap/b-object',
      'ConfigMap/c-json',
      'ConfigMap/e-list-item',
    ]);
    expect(ids((await render('mixed', { recurse: true, include: '*.jsonnet' })).objects)).toEqual([
      'ConfigMap/b-object',
      'ConfigMap/e-list-item',
    ]);
    expect(ids((await render('mixed', { recurse: true, exclude: 'sub/*' })).objects)).toEqual([
      'ConfigMap/a-yaml',
      'ConfigMap/b-object',
      'ConfigMap/c-json',
    ]);
  });

  it('refuses output that is not an object or an array of objects, naming the file', async () => {
    expect((await failure('shapes')).message).toMatch(
      /^Failed to unmarshal generated json "shapes\/number\.jsonnet": the output: the document is not a mapping/,
    );
    expect((await failure('shapes/array-of-strings')).message).toMatch(
      /an array element: the document is not a mapping/,
    );
    expect((await failure('shapes/no-kind')).message).toMatch(
      /"shapes\/no-kind\/x\.jsonnet".*Object 'kind' is missing/,
    );
  });

  it("reports the first failing file of the walk with go-jsonnet's own message and position", async () => {
    const error = await failure('errors');
    expect(error.file).toBe('errors/b.jsonnet');
    expect(error.tool).toBe('jsonnet');
    expect(error.message).toMatch(
      /^Failed to evaluate jsonnet "errors\/b\.jsonnet": RUNTIME ERROR: broken on purpose\n\s*errors\/b\.jsonnet:1:/,
    );
    const syntax = await failure('errors', { include: 'c.jsonnet' });
    expect(syntax.message).toMatch(/"errors\/c\.jsonnet": errors\/c\.jsonnet:1:\d+/);
  });
});

describe('the evaluator module', () => {
  it('gets a memory maximum written into its memory section', () => {
    // magic, version, a memory section (id 5) with one memory of min 2 pages and no maximum
    const wasm = Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5, 3, 1, 0, 2]);
    expect([...withMemoryCap(wasm, 300)]).toEqual([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5, 5, 1, 1, 2, 0xac, 2]);
    // never below the minimum the module needs
    expect([...withMemoryCap(wasm, 1)].slice(-2)).toEqual([2, 2]);
  });
});
