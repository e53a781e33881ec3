// Applications from git through the contract: real repositories (bare, on disk and over HTTP with
// credentials), real helm and kustomize, the workspace on disk. Each broken application gets its
// own condition while the others keep rendering.
import { cp, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { AppSummary } from '../../../engine/api/contract.ts';
import type { Engine } from '../../../engine/index.ts';
import { memorySecretStore } from '../../../engine/secrets/secretStore.ts';
import { repoCredentials } from '../../../engine/secrets/repoCredentials.ts';
import { toolInvocations } from '../../../engine/tools/index.ts';
import { FIXTURES } from '../../fixtures/render/workspace.ts';
import { git, makeRemote, type Remote } from '../../support/gitFixtures.ts';
import { startHttpGitServer, type HttpGitServer } from '../../support/httpGitServer.ts';
import { writeKubeconfig } from '../../support/kubeconfigFixture.ts';
import { tempDir } from '../../support/tempDir.ts';
import { testEngine } from '../../support/testEngine.ts';
import { applicationYaml } from '../../support/workspaceFixtures.ts';

const root = tempDir();
const workspace = join(root, 'workspace');
const password = 'pa55-w0rd-never-shown';
let config: Remote;
let values: Remote;
let privateServer: HttpGitServer;
let mainSha: string;
let v1Sha: string;
let engine: Engine;
let client: PlumblineClient;

/** An Application deploying to dev/shop unless the spec says otherwise. */
function application(name: string, spec: Record<string, unknown>): string {
  return applicationYaml(name, { destination: { name: 'dev', namespace: 'shop' }, ...spec });
}

async function until(predicate: (apps: AppSummary[]) => boolean, timeoutMs = 30_000): Promise<AppSummary[]> {
  const started = Date.now();
  for (;;) {
    const { apps } = await client.call('apps.list');
    if (predicate(apps)) return apps;
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out; apps: ${JSON.stringify(apps, null, 1)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const settled = (apps: AppSummary[]) =>
  apps.length > 0 && apps.every((app) => app.phase === 'rendered' || app.phase === 'error');
const appNamed = (apps: AppSummary[], name: string) => apps.find((app) => app.name === name)!;

beforeAll(async () => {
  config = await makeRemote(root, 'config.git');
  await cp(join(FIXTURES, 'repo'), config.work, { recursive: true });
  v1Sha = await config.commit({}, 'import fixtures');
  await git(config.work, 'tag', 'v1');
  mainSha = await config.commit(
    { 'plain/extra.yaml': stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'extra' } }) },
    'add extra',
  );
  await config.push('main', '--tags');
  values = await makeRemote(root, 'values.git');
  await cp(join(FIXTURES, 'values-repo'), values.work, { recursive: true });
  await values.commit({}, 'values');
  await values.push('main');
  privateServer = await startHttpGitServer({
    projectRoot: root,
    username: 'deployer',
    password,
    protect: 'all',
  });

  const secrets = memorySecretStore();
  await repoCredentials(secrets, privateServer.url('config.git')).set({ username: 'deployer', password });

  await mkdir(join(workspace, 'apps'), { recursive: true });
  const files: Record<string, string> = {
    'apps/plain.yaml': application('plain', {
      source: { repoURL: config.bare, targetRevision: 'main', path: 'plain', directory: { recurse: true } },
    }),
    'apps/tagged.yaml': application('tagged', {
      source: { repoURL: `file://${config.bare}`, targetRevision: 'v1', path: 'plain' },
    }),
    'apps/pinned.yaml': application('pinned', {
      source: { repoURL: config.bare, targetRevision: v1Sha.slice(0, 10), path: 'plain' },
    }),
    'apps/kustomize.yaml': application('kustomize', {
      source: {
        repoURL: config.bare,
        targetRevision: 'HEAD',
        path: 'kustomize/overlays/prod',
        kustomize: { namePrefix: 'eu-' },
      },
    }),
    'apps/helm.yaml': application('helm', {
      source: { repoURL: config.bare, path: 'charts/api', helm: { valueFiles: ['values-prod.yaml'] } },
    }),
    'apps/multi.yaml': application('multi', {
      sources: [
        { repoURL: config.bare, path: 'charts/api', helm: { valueFiles: ['$values/env/prod.yaml'] } },
        { repoURL: values.bare, targetRevision: 'main', ref: 'values' },
      ],
    }),
    'apps/private.yaml': application('private', {
      source: { repoURL: privateServer.url('config.git'), path: 'plain' },
    }),
    'apps/escape.yaml': application('escape', { source: { repoURL: config.bare, path: '../../etc' } }),
    'apps/no-such-branch.yaml': application('no-such-branch', {
      source: { repoURL: config.bare, targetRevision: 'release-9', path: 'plain' },
    }),
    'apps/unreachable.yaml': application('unreachable', {
      source: { repoURL: join(root, 'missing.git'), path: 'plain' },
    }),
    'apps/no-destination.yaml': applicationYaml('no-destination', { source: { repoURL: config.bare } }),
    'apps/broken.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: [broken\n',
  };
  for (const [file, text] of Object.entries(files)) await writeFile(join(workspace, file), text);

  const kubeconfig = writeKubeconfig(
    root,
    'kubeconfig',
    [{ name: 'dev', server: 'https://dev.example', user: 'u' }],
    'dev',
  );
  ({ engine, client } = testEngine(root, workspace, { kubeconfig, secrets, repoPollMs: 300 }));
}, 60_000);

afterAll(async () => {
  await engine?.close();
  await privateServer?.close();
});

describe('applications rendered from git', () => {
  it('renders plain directories at a branch, a tag and a short SHA', async () => {
    const apps = await until(settled);
    expect(appNamed(apps, 'plain')).toMatchObject({ phase: 'rendered', revision: mainSha, conditions: [] });
    expect(appNamed(apps, 'tagged')).toMatchObject({ phase: 'rendered', revision: v1Sha });
    expect(appNamed(apps, 'pinned')).toMatchObject({ phase: 'rendered', revision: v1Sha });
    const plain = await client.call('apps.manifests', { name: 'plain' });
    const tagged = await client.call('apps.manifests', { name: 'tagged' });
    const names = (m: typeof plain) => m.objects.map((o) => (o.metadata as { name: string }).name);
    expect(names(plain)).toContain('extra');
    expect(names(tagged)).not.toContain('extra');
    for (const object of plain.objects) {
      const metadata = object.metadata as { annotations: Record<string, string>; name: string };
      expect(metadata.annotations['argocd.argoproj.io/tracking-id']).toMatch(
        new RegExp(`^plain:[^:]*/${object.kind}:[^/]*/${metadata.name}$`),
      );
    }
  });

  it('renders a kustomize overlay and helm charts, single- and multi-source', async () => {
    await until(settled);
    const kustomize = await client.call('apps.manifests', { name: 'kustomize' });
    expect(kustomize.sourceTypes).toEqual(['Kustomize']);
    expect(kustomize.objects.every((o) => (o.metadata as { name: string }).name.startsWith('eu-'))).toBe(
      true,
    );
    const helm = await client.call('apps.manifests', { name: 'helm' });
    const multi = await client.call('apps.manifests', { name: 'multi' });
    expect(helm.sourceTypes).toEqual(['Helm']);
    expect(multi.sourceTypes).toEqual(['Helm']);
    expect(JSON.stringify(multi.objects)).not.toEqual(JSON.stringify(helm.objects));
  });

  it('reads a private repository over HTTP with credentials from the secret store', async () => {
    const apps = await until(settled);
    expect(appNamed(apps, 'private')).toMatchObject({ phase: 'rendered', revision: mainSha, conditions: [] });
    expect(JSON.stringify(apps)).not.toContain(password);
  });

  it('turns every failure into a condition on that application alone', async () => {
    const apps = await until(settled);
    const condition = (name: string) =>
      appNamed(apps, name)
        .conditions.map((c) => `${c.type}: ${c.message}`)
        .join('\n');
    expect(condition('escape')).toMatch(/ComparisonError: .*(outside|escape)/i);
    expect(condition('no-such-branch')).toMatch(/ComparisonError: .*release-9/);
    expect(condition('unreachable')).toMatch(/ComparisonError: .*missing\.git/);
    expect(condition('no-destination')).toMatch(/InvalidSpecError: .*destination/);
    const info = await client.call('workspace.info');
    expect(info.problems.map((p) => p.file)).toContain('apps/broken.yaml');
    expect(
      apps
        .filter((app) => app.phase === 'rendered')
        .map((app) => app.name)
        .sort(),
    ).toEqual(['helm', 'kustomize', 'multi', 'pinned', 'plain', 'private', 'tagged']);
  });

  it('serves a cached render without running helm again, and a hard refresh runs it', async () => {
    await until(settled);
    const before = toolInvocations().helm ?? 0;
    await client.call('apps.refresh', { name: 'helm' });
    expect(toolInvocations().helm ?? 0).toBe(before);
    await client.call('apps.refresh', { name: 'helm', hard: true });
    expect(toolInvocations().helm ?? 0).toBe(before + 1);
  });

  it('notices a new commit with ls-remote and renders it', async () => {
    await until(settled);
    const next = await config.commit(
      { 'plain/late.yaml': stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late' } }) },
      'late change',
    );
    await config.push('main');
    const apps = await until((list) => appNamed(list, 'plain').revision === next, 15_000);
    expect(appNamed(apps, 'plain').resourceCount).toBeGreaterThan(0);
    expect(appNamed(apps, 'tagged').revision).toBe(v1Sha);
    const manifests = await client.call('apps.manifests', { name: 'plain' });
    expect(manifests.objects.map((o) => (o.metadata as { name: string }).name)).toContain('late');
  });

  it('creates, edits and deletes applications as YAML files, and sees hand edits', async () => {
    const definition = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'created' },
      spec: { destination: { name: 'dev', namespace: 'x' }, source: { repoURL: config.bare, path: 'plain' } },
    };
    const created = await client.call('apps.create', { definition });
    expect(created.app.file).toBe('applications/created.yaml');
    await expect(client.call('apps.create', { definition })).rejects.toMatchObject({ code: 'invalid-input' });
    const edited = await client.call('apps.update', {
      name: 'created',
      definition: {
        ...definition,
        spec: {
          ...definition.spec,
          project: 'default',
          source: { ...definition.spec.source, targetRevision: 'v1' },
        },
      },
    });
    expect(edited.app.sources[0]?.targetRevision).toBe('v1');
    expect((await client.call('apps.delete', { name: 'created' })).deleted).toBe(true);
    await writeFile(
      join(workspace, 'apps', 'by-hand.yaml'),
      application('by-hand', { source: { repoURL: config.bare, path: 'plain' } }),
    );
    const apps = await until(
      (list) => list.some((app) => app.name === 'by-hand' && app.phase === 'rendered'),
      10_000,
    );
    expect(apps.some((app) => app.name === 'created')).toBe(false);
  });
});
