// Sources from an OCI registry against the real CNCF distribution registry (TLS, htpasswd auth):
// a chart pushed with the real `helm push` and rendered in each of Argo CD's spellings, version
// ranges resolved against the tags, a manifests artifact (oras-style) by tag and by digest, the
// cache answering with the registry stopped, and refused credentials named without the password.
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSource, RenderError } from '../../../engine/render/index.ts';
import type { RenderOptions, RenderSource } from '../../../engine/render/index.ts';
import type { RepositorySettings } from '../../../engine/render/types.ts';
import { RepoConnections } from '../../../engine/repos/repoConnections.ts';
import { RepositoryIndex } from '../../../engine/repos/repositoryIndex.ts';
import { renderRepositorySettings } from '../../../engine/repos/renderRepositories.ts';
import { memorySecretStore } from '../../../engine/secrets/secretStore.ts';
import {
  credentialUrlKey,
  repoCredentials,
  repoCredsTemplate,
} from '../../../engine/secrets/repoCredentials.ts';
import { resolveTool, runTool, ToolArgs } from '../../../engine/tools/index.ts';
import { makeWorkspace, type Workspace } from '../../fixtures/render/workspace.ts';
import { registryUnavailable, startOciRegistry, tarGz, type OciRegistry } from '../../support/ociRegistry.ts';

const unavailable = registryUnavailable();
let ws: Workspace;
let registry: OciRegistry;
const digests: Record<string, string> = {};
let options: RenderOptions;
let repositorySettings: RepositorySettings;

async function packageChart(helmPath: string, version: string): Promise<string> {
  const dir = await mkdtemp(join(ws.root, 'chart-'));
  await cp(join(ws.repo, 'charts', 'api'), join(dir, 'api'), { recursive: true });
  const chartYaml = join(dir, 'api', 'Chart.yaml');
  await writeFile(
    chartYaml,
    (await readFile(chartYaml, 'utf8')).replace('version: 0.3.0', `version: ${version}`),
  );
  await runTool(
    helmPath,
    new ToolArgs('package').option('--destination', dir, 'folder').operand(join(dir, 'api'), 'chart'),
  );
  return join(dir, `api-${version}.tgz`);
}

beforeAll(async () => {
  if (unavailable) return;
  ws = await makeWorkspace();
  registry = await startOciRegistry();
  const helm = await resolveTool('helm', { cacheDir: ws.cacheDir });
  for (const version of ['0.3.0', '0.4.0', '1.0.0-rc.1']) {
    digests[`chart ${version}`] = await registry.helmPush(
      helm.path,
      await packageChart(helm.path, version),
      'charts',
    );
  }
  const manifests = {
    'app.yaml': await readFile(join(ws.repo, 'plain', 'app.yaml'), 'utf8'),
    'sub/extra.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  from: oci\n',
  };
  digests['guestbook 1.0.0'] = await registry.pushManifests(
    'apps/guestbook',
    '1.0.0',
    await tarGz(manifests),
  );
  const store = memorySecretStore();
  const credentials = { username: registry.username, password: registry.password };
  // a template for the whole registry (oci://), and the schemeless spelling's own entry
  await repoCredsTemplate(store, `oci://${registry.host}`).set(credentials);
  await repoCredentials(store, `${registry.host}/charts`).set(credentials);
  // the registry's CA is trusted as the user trusts one: per host, in the repositories index
  const index = new RepositoryIndex(await mkdtemp(join(ws.root, 'data-')));
  const caPem = await readFile(registry.caFile, 'utf8');
  await index.update((content) => content.tlsCertificates.push({ host: registry.host, pem: caPem }));
  repositorySettings = renderRepositorySettings(index, new RepoConnections(index, store));
  options = { cacheDir: ws.cacheDir, secrets: store, repositorySettings };
}, 120_000);

afterAll(async () => {
  await registry?.close();
  await ws?.cleanup();
});

const context = { appName: 'oci-app', destinationNamespace: 'apps' };
const configMapOf = (objects: Array<{ kind: string; metadata: { name?: string } }>) =>
  objects.find((o) => o.kind === 'ConfigMap')?.metadata.name;

describe.skipIf(unavailable)('sources from an OCI registry', () => {
  it('renders a chart pushed with helm, as oci://host/path with chart, its digest the revision', async () => {
    const source: RenderSource = {
      repoURL: `oci://${registry.host}/charts`,
      chart: 'api',
      targetRevision: '0.3.0',
    };
    const result = await renderSource(source, undefined, context, options);
    expect(result.sourceType).toBe('Helm');
    expect(result.revision).toBe(digests['chart 0.3.0']);
    expect(configMapOf(result.objects)).toBe('oci-app-settings');
  });

  it('reads every spelling Argo CD accepts: the chart in the repoURL, no scheme, and v3 OCI sources', async () => {
    const spellings: RenderSource[] = [
      { repoURL: `oci://${registry.host}/charts/api`, chart: 'api', targetRevision: '0.3.0' },
      { repoURL: `${registry.host}/charts`, chart: 'api', targetRevision: '0.3.0' },
      { repoURL: `oci://${registry.host}/charts/api`, path: '.', targetRevision: '0.3.0' },
      { repoURL: `oci://${registry.host}/charts/api`, path: '.', targetRevision: digests['chart 0.3.0'] },
    ];
    for (const source of spellings) {
      const result = await renderSource(source, undefined, { ...context, appName: 'spelled' }, options);
      expect(result.sourceType, JSON.stringify(source)).toBe('Helm');
      expect(result.revision).toBe(digests['chart 0.3.0']);
    }
  });

  it('resolves version ranges against the tags (prereleases only when asked for)', async () => {
    const cases: Array<[string, string]> = [
      ['>=0.3.0 <1.0.0', 'chart 0.4.0'],
      ['^0.3.0', 'chart 0.3.0'],
      ['*', 'chart 0.4.0'],
      ['>=1.0.0-0', 'chart 1.0.0-rc.1'],
    ];
    for (const [range, expected] of cases) {
      const source: RenderSource = {
        repoURL: `${registry.host}/charts`,
        chart: 'api',
        targetRevision: range,
      };
      const result = await renderSource(source, undefined, context, options);
      expect(result.revision, range).toBe(digests[expected]);
    }
    // the v3 OCI source: a tag first, then a constraint
    const v3: RenderSource = {
      repoURL: `oci://${registry.host}/charts/api`,
      path: '.',
      targetRevision: '0.3.*',
    };
    expect((await renderSource(v3, undefined, context, options)).revision).toBe(digests['chart 0.3.0']);
  });

  it('renders a manifests artifact by tag and by digest, with a path inside it', async () => {
    const byTag: RenderSource = {
      repoURL: `oci://${registry.host}/apps/guestbook`,
      targetRevision: '1.0.0',
      path: '.',
    };
    const tagged = await renderSource(byTag, undefined, context, options);
    expect(tagged.sourceType).toBe('Directory');
    expect(tagged.revision).toBe(digests['guestbook 1.0.0']);
    expect(tagged.objects.length).toBeGreaterThan(0);
    const byDigest = { ...byTag, targetRevision: digests['guestbook 1.0.0'], path: 'sub' };
    const sub = await renderSource(byDigest, undefined, context, options);
    expect(sub.objects.map((o) => o.metadata.name)).toEqual(['extra']);
    expect(sub.revision).toBe(digests['guestbook 1.0.0']);
  });

  it('renders from the cache with the registry stopped: a digest, and a chart version pulled before', async () => {
    await registry.stop();
    try {
      const byDigest: RenderSource = {
        repoURL: `oci://${registry.host}/apps/guestbook`,
        targetRevision: digests['guestbook 1.0.0'],
        path: 'sub',
      };
      const offline = { ...context, appName: 'offline' };
      const manifests = await renderSource(byDigest, undefined, offline, options);
      expect(manifests.fromCache).toBe(false);
      expect(manifests.objects.map((o) => o.metadata.name)).toEqual(['extra']);
      const chart: RenderSource = {
        repoURL: `oci://${registry.host}/charts`,
        chart: 'api',
        targetRevision: '0.3.0',
      };
      const rendered = await renderSource(chart, undefined, offline, options);
      expect(rendered.revision).toBe(digests['chart 0.3.0']);
      // a tag may move: it is asked for again, and the stopped registry is named
      const byTag = { ...byDigest, targetRevision: '1.0.0' };
      await expect(renderSource(byTag, undefined, offline, options)).rejects.toThrow(
        /cannot reach the registry/,
      );
    } finally {
      await registry.start();
    }
  });

  it('names refused credentials without the password, and asks for missing ones', async () => {
    const store = memorySecretStore();
    await repoCredsTemplate(store, `oci://${registry.host}`).set({
      username: registry.username,
      password: 'not-it-secret',
    });
    const source: RenderSource = {
      repoURL: `oci://${registry.host}/apps/guestbook`,
      targetRevision: '1.0.0',
      path: '.',
    };
    const refused = await renderSource(source, undefined, context, {
      ...options,
      secrets: store,
      hardRefresh: true,
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RenderError);
    expect((refused as Error).message).toMatch(/refused the stored credentials/);
    expect((refused as Error).message).not.toContain('not-it-secret');
    const anonymous = { ...options, secrets: memorySecretStore(), hardRefresh: true };
    await expect(renderSource(source, undefined, context, anonymous)).rejects.toThrow(/none are stored/);
  });

  it("trusts the registry only through its host's CA, or with the repository's insecure", async () => {
    const source: RenderSource = {
      repoURL: `${registry.host}/charts`,
      chart: 'api',
      targetRevision: '0.4.0',
    };
    const fresh = { ...options, hardRefresh: true, cacheDir: await mkdtemp(join(ws.root, 'cache-')) };
    const untrusted = renderSource(source, undefined, context, { ...fresh, repositorySettings: undefined });
    await expect(untrusted).rejects.toThrow(/certificate/);
    // insecure on the repository's own entry (added schemeless, as Argo CD's enableOCI Helm repositories are)
    const index = new RepositoryIndex(await mkdtemp(join(ws.root, 'insecure-data-')));
    await index.update((content) =>
      content.repositories.push({
        kind: 'repository',
        url: `${registry.host}/charts`,
        key: credentialUrlKey(`${registry.host}/charts`),
        type: 'helm',
        hasPassword: true,
        hasSshPrivateKey: false,
        hasTlsClientCert: false,
        insecure: true,
        enableOCI: true,
      }),
    );
    const insecure = renderRepositorySettings(index, new RepoConnections(index, memorySecretStore()));
    expect(await insecure.tlsFor(`oci://${registry.host}/charts`)).toEqual({ insecure: true });
    const result = await renderSource(source, undefined, context, { ...fresh, repositorySettings: insecure });
    expect(result.revision).toBe(digests['chart 0.4.0']);
  });

  it('refuses a chart source whose artifact is not a chart, naming the artifact', async () => {
    const source: RenderSource = {
      repoURL: `oci://${registry.host}/apps`,
      chart: 'guestbook',
      targetRevision: '1.0.0',
    };
    await expect(renderSource(source, undefined, context, options)).rejects.toThrow(
      /guestbook.*not a Helm chart/,
    );
  });
});
