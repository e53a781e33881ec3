// Every option of Argo CD's ApplicationSourceKustomize, rendered with the real kustomize the code
// resolves (kubectl's, or a standalone one on the PATH). The expected objects are what Argo CD's
// repo server produces: it runs `kustomize edit set|add ...` on the application's kustomization,
// appends the source's patches to it, then builds (util/kustomize/kustomize.go), so options
// replace or merge with the kustomization's own rather than stacking on top of them.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderSource, RenderError } from '../../../engine/render/index.ts';
import type { KustomizeSourceOptions, RenderOptions, RenderResult } from '../../../engine/render/index.ts';
import { resolveTool } from '../../../engine/tools/index.ts';
import { treeDigest } from '../../fixtures/render/workspace.ts';
import { WEB_DEPLOYMENT, writeFiles, type Workload } from '../../fixtures/render/kustomizeFiles.ts';

const COMMIT = '0123456789abcdef0123456789abcdef01234567';

// The application folder `app` builds on `base` and sets every field the options touch.
const FILES: Record<string, string> = {
  'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - service.yaml\n',
  'base/deployment.yaml': WEB_DEPLOYMENT,
  'base/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
`,
  'app/kustomization.yaml': `# the application's own settings
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../base
namePrefix: own-
nameSuffix: -own
images:
  - name: nginx
    newName: registry.example/nginx
    newTag: "1.1"
replicas:
  - name: web
    count: 2
commonLabels:
  team: core
commonAnnotations:
  owner: core
patches:
  - target:
      kind: Deployment
    patch: |-
      - op: add
        path: /metadata/annotations/own-patch
        value: "yes"
`,
  'app/replicas-patch.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 7
`,
  'components/tolerant/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
patches:
  - target:
      kind: Deployment
    patch: |-
      - op: add
        path: /metadata/annotations/component
        value: tolerant
`,
  'plain/kustomization.yaml': 'resources:\n  - ../base\n',
  'selectorless/kustomization.yaml': 'resources:\n  - ../base\nlabels:\n  - pairs:\n      managed-by: helm\n',
  'nofile/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n',
};

let root: string;
let repo: string;
let cacheDir: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'plumbline-kustomize-options-'));
  repo = join(root, 'repo');
  cacheDir = join(root, 'cache');
  writeFiles(repo, FILES);
});
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

function render(
  kustomize: KustomizeSourceOptions,
  path = 'app',
  options: Partial<RenderOptions> = {},
): Promise<RenderResult> {
  return renderSource(
    { repoURL: 'https://git.example.test/shop.git', path, targetRevision: 'main', kustomize },
    repo,
    { appName: 'shop', destinationNamespace: 'shop-prod', projectName: 'retail' },
    { cacheDir, commitSha: COMMIT, hardRefresh: true, ...options },
  );
}

async function failure(kustomize: KustomizeSourceOptions, path = 'app'): Promise<string> {
  const error = await render(kustomize, path).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RenderError);
  return (error as RenderError).message;
}

const deploymentOf = (result: RenderResult) =>
  result.objects.find((o) => o.kind === 'Deployment') as Workload;
const imageOf = (result: RenderResult) => deploymentOf(result).spec.template.spec.containers[0]?.image;

describe('kustomize namePrefix and nameSuffix', () => {
  it("replace the kustomization's own, as `kustomize edit set nameprefix` does", async () => {
    const result = await render({ namePrefix: 'argo-' });
    expect(result.objects.map((o) => o.metadata.name).sort()).toEqual(['argo-web-own', 'argo-web-own']);
    expect(deploymentOf(await render({ nameSuffix: '-v2' })).metadata.name).toBe('own-web-v2');
  });

  it('take a value that starts with "-" (Argo CD passes them after --)', async () => {
    expect(deploymentOf(await render({ nameSuffix: '-blue', namePrefix: 'x' })).metadata.name).toBe(
      'xweb-blue',
    );
  });
});

describe('kustomize images', () => {
  it('replace the entry of the same name entirely (its newName goes)', async () => {
    expect(imageOf(await render({ images: ['nginx:2.0'] }))).toBe('nginx:2.0');
  });

  it('keep a field given as *', async () => {
    expect(imageOf(await render({ images: ['nginx=*:2.0'] }))).toBe('registry.example/nginx:2.0');
  });

  it('substitute ${ARGOCD_APP_*} from the build environment only', async () => {
    const result = await render({
      images: ['nginx=registry.example/${ARGOCD_APP_NAME}:${ARGOCD_APP_REVISION_SHORT}'],
    });
    expect(imageOf(result)).toBe('registry.example/shop:0123456');
    expect(imageOf(await render({ images: ['nginx:x${HOME}y'] }))).toBe('nginx:xy');
  });

  it('refuse an argument that sets nothing, naming the field', async () => {
    expect(await failure({ images: ['nginx'] })).toMatch(/^kustomize\.images: "nginx" sets nothing/);
  });
});

describe('kustomize replicas', () => {
  it('replace the entry of the same name; a count may be a string', async () => {
    expect(deploymentOf(await render({ replicas: [{ name: 'web', count: '5' }] })).spec.replicas).toBe(5);
  });

  it("refuse a count that is not an integer with Argo CD's words", async () => {
    expect(await failure({ replicas: [{ name: 'web', count: 'garbage' }] })).toContain(
      'expected integer value for count. Received: garbage',
    );
  });
});

describe('kustomize commonLabels', () => {
  it('go to metadata, selectors and templates, values substituted', async () => {
    const deployment = deploymentOf(
      await render({ commonLabels: { 'part-of': '${ARGOCD_APP_PROJECT_NAME}' } }),
    );
    expect(deployment.metadata.labels).toEqual({ team: 'core', 'part-of': 'retail' });
    expect(deployment.spec.selector.matchLabels).toEqual({ app: 'web', team: 'core', 'part-of': 'retail' });
  });

  it('refuse a label the kustomization sets, unless forceCommonLabels', async () => {
    expect(await failure({ commonLabels: { team: 'edge' } })).toMatch(
      /^kustomize\.commonLabels: label team is already in the kustomization; set forceCommonLabels/,
    );
    const forced = deploymentOf(await render({ commonLabels: { team: 'edge' }, forceCommonLabels: true }));
    expect(forced.metadata.labels?.team).toBe('edge');
  });

  it('with labelWithoutSelector leave selectors and templates alone; labelIncludeTemplates adds templates', async () => {
    const plain = deploymentOf(
      await render({ commonLabels: { env: 'prod' }, labelWithoutSelector: true }, 'selectorless'),
    );
    expect(plain.metadata.labels).toEqual({ 'managed-by': 'helm', env: 'prod' });
    expect(plain.spec.selector.matchLabels).toEqual({ app: 'web' });
    expect(plain.spec.template.metadata.labels).toEqual({ app: 'web' });
    const templates = deploymentOf(
      await render(
        { commonLabels: { env: 'prod' }, labelWithoutSelector: true, labelIncludeTemplates: true },
        'selectorless',
      ),
    );
    expect(templates.spec.selector.matchLabels).toEqual({ app: 'web' });
    expect(templates.spec.template.metadata.labels).toEqual({ app: 'web', env: 'prod' });
  });

  it('without selectors still refuse a key of the same kind of entry unless forced', async () => {
    expect(
      await failure({ commonLabels: { 'managed-by': 'argocd' }, labelWithoutSelector: true }, 'selectorless'),
    ).toContain('label managed-by is already in the kustomization');
    const forced = await render(
      { commonLabels: { 'managed-by': 'argocd' }, labelWithoutSelector: true, forceCommonLabels: true },
      'selectorless',
    );
    expect(deploymentOf(forced).metadata.labels).toEqual({ 'managed-by': 'argocd' });
  });

  it('refuse labelIncludeTemplates without labelWithoutSelector', async () => {
    expect(await failure({ commonLabels: { env: 'prod' }, labelIncludeTemplates: true })).toMatch(
      /^kustomize\.labelIncludeTemplates: needs labelWithoutSelector/,
    );
  });
});

describe('kustomize commonAnnotations', () => {
  it('are taken literally unless commonAnnotationsEnvsubst', async () => {
    const literal = deploymentOf(await render({ commonAnnotations: { by: '${ARGOCD_APP_NAME}' } }));
    expect(literal.metadata.annotations?.by).toBe('${ARGOCD_APP_NAME}');
    const substituted = deploymentOf(
      await render({
        commonAnnotations: { by: '${ARGOCD_APP_NAME}', home: '$HOME', cost: '$$5' },
        commonAnnotationsEnvsubst: true,
      }),
    );
    expect(substituted.metadata.annotations).toMatchObject({ by: 'shop', home: '', cost: '$5' });
  });

  it('refuse one the kustomization sets, unless forceCommonAnnotations', async () => {
    expect(await failure({ commonAnnotations: { owner: 'edge' } })).toContain(
      'annotation owner is already in the kustomization; set forceCommonAnnotations',
    );
    const forced = await render({ commonAnnotations: { owner: 'edge' }, forceCommonAnnotations: true });
    expect(deploymentOf(forced).metadata.annotations?.owner).toBe('edge');
  });
});

describe('kustomize namespace', () => {
  it("replaces the kustomization's namespace", async () => {
    const result = await render({ namespace: 'payments' });
    expect(result.objects.every((o) => o.metadata.namespace === 'payments')).toBe(true);
  });
});

describe('kustomize patches', () => {
  it("alone are applied, after the kustomization's own, inline or from a file", async () => {
    const result = await render({
      patches: [
        { path: 'replicas-patch.yaml' },
        {
          target: { kind: 'Deployment', name: 'web' },
          patch: '- op: add\n  path: /metadata/annotations/from-source\n  value: "1"',
        },
      ],
    });
    const deployment = deploymentOf(result);
    expect(deployment.spec.replicas).toBe(2); // the kustomization's replicas come after patches
    expect(deployment.metadata.annotations).toMatchObject({ 'own-patch': 'yes', 'from-source': '1' });
    const plain = deploymentOf(await render({ patches: [{ path: 'replicas-patch.yaml' }] }, 'app'));
    expect(plain.metadata.name).toBe('own-web-own');
  });

  it('from a file outside the application folder are refused by kustomize', async () => {
    expect(await failure({ patches: [{ path: '../base/deployment.yaml' }] })).toMatch(
      /^render kustomization app: .*security; file .* is not in or below/s,
    );
  });
});

describe('kustomize components', () => {
  it('alone are added to the kustomization', async () => {
    const deployment = deploymentOf(await render({ components: ['../components/tolerant'] }));
    expect(deployment.metadata.annotations?.component).toBe('tolerant');
  });

  it('that do not exist are refused, or left out with ignoreMissingComponents', async () => {
    expect(await failure({ components: ['../components/tolerant', '../components/missing'] })).toMatch(
      /^kustomize\.components: "\.\.\/components\/missing" has no match in the repository/,
    );
    const result = await render({
      components: ['../components/tolerant', '../components/missing'],
      ignoreMissingComponents: true,
    });
    expect(deploymentOf(result).metadata.annotations?.component).toBe('tolerant');
  });

  it('are expanded as globs, as kustomize edit add component does', async () => {
    const deployment = deploymentOf(await render({ components: ['../components/t*'] }));
    expect(deployment.metadata.annotations?.component).toBe('tolerant');
    expect(await failure({ components: ['../components/x*'] })).toMatch(
      /"\.\.\/components\/x\*" has no match/,
    );
  });

  it('outside the repository are refused', async () => {
    expect(await failure({ components: ['../../outside'] })).toMatch(/points outside the repository/);
  });
});

describe('kustomize version, kubeVersion and apiVersions', () => {
  it('version picks the binary registered under that name', async () => {
    const kubectl = await resolveTool('kubectl', { cacheDir });
    const bin = join(root, 'kustomize-special');
    // A standalone kustomize of its own version, building with kubectl's.
    await writeFile(
      bin,
      `#!/bin/sh\nif [ "$1" = version ]; then echo v5.9.9-special; exit 0; fi\nshift\n[ "$1" = -- ] && shift\nexec ${kubectl.path} kustomize "$@"\n`,
    );
    await chmod(bin, 0o755);
    const result = await render({ version: 'special' }, 'app', {
      toolSettings: { kustomizeVersions: { special: bin } },
    });
    expect(result.toolVersions).toEqual({ kustomize: 'v5.9.9-special' });
    expect(deploymentOf(result).metadata.name).toBe('own-web-own');
  });

  it('version not registered is refused, naming it', async () => {
    expect(await failure({ version: 'v3.5.1' })).toMatch(/kustomize version v3\.5\.1 is not registered/);
  });

  it('kubeVersion must parse; kubeVersion and apiVersions change nothing without --enable-helm', async () => {
    expect(await failure({ kubeVersion: 'banana' })).toMatch(
      /^kustomize\.kubeVersion: could not parse kubernetes version banana/,
    );
    const result = await render({ kubeVersion: '1.30', apiVersions: ['apps/v1'] });
    expect(deploymentOf(result).metadata.name).toBe('own-web-own');
  });
});

describe('kustomize options and the checkout', () => {
  it('never write to the checkout', async () => {
    const before = await treeDigest(repo);
    await render({
      namePrefix: 'p-',
      images: ['nginx:3'],
      commonLabels: { x: 'y' },
      patches: [{ path: 'replicas-patch.yaml' }],
      components: ['../components/tolerant'],
    });
    expect(await treeDigest(repo)).toBe(before);
  });

  it('need a kustomization file to edit', async () => {
    expect(await failure({ namePrefix: 'p-' }, 'nofile')).toMatch(/need a kustomization file in nofile/);
  });

  it('name the checkout, not the private copy, in kustomize errors', async () => {
    const message = await failure({ patches: [{ path: 'missing-patch.yaml' }] });
    expect(message).toContain('missing-patch.yaml');
    expect(message).not.toContain(join(cacheDir, 'tmp'));
  });
});
