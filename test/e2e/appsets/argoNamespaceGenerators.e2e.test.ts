// The generators that read Argo CD's namespace, against plumbline-a playing in-cluster: a
// clusterDecisionResource generator whose ConfigMap names a duck-typed resource (a CRD made for
// the test) deciding for plumbline-b, then, its decision changed on the cluster, for plumbline-a;
// a plugin generator calling a real HTTP plugin on 127.0.0.1 with the token stored through the
// contract. Until a cluster plays in-cluster, and until the token is stored, the sets say why
// they generate nothing. Then the CLI as a user runs it, in a real gnome-keyring: the token piped
// to `plumbline appset secret`, and `plumbline appset preview` calling the plugin with it;
// the token never in the data folder or in anything printed.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { Engine } from '../../../engine/index.ts';
import { memorySecretStore } from '../../../engine/secrets/secretStore.ts';
import { testKubeconfigPath } from '../../cluster/kubeconfig.ts';
import { keyringUnavailableReason, runInKeyring } from '../../integration/keychain/keyringSession.ts';
import { cliBin } from '../../support/cli.ts';
import { tempDir } from '../../support/tempDir.ts';
import { testEngine } from '../../support/testEngine.ts';
import { remoteWith } from '../../support/workspaceFixtures.ts';
import { clientsOf, connect, until } from '../live/liveTestKit.ts';

const root = tempDir();
const suffix = randomBytes(3).toString('hex');
const TOKEN = `plugin-token-${randomBytes(8).toString('hex')}`;
const GROUP = 'e2e.plumbline.dev';
const names = {
  decision: `decide-${suffix}`,
  decisionsMap: `decisions-${suffix}`,
  pluginMap: `plugin-${suffix}`,
  hostileMap: `hostile-${suffix}`,
  tokenSecret: `plugin-${suffix}`,
};
const connection = connect('plumbline-a');
const core = clientsOf(connection).core;
const calls: Array<{ authorization: string; body: string }> = [];
let plugin: Server;
let engine: Engine;
let client: PlumblineClient;
let workspace: string;

async function send(
  method: 'GET' | 'PATCH' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
  contentType?: string,
): Promise<void> {
  await connection.request({
    verb: 'patch',
    method,
    path,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    ...(contentType ? { contentType } : {}),
    what: `${method} ${path}`,
  });
}

/** Already there (from an earlier run): fine. client-node says `code`, the engine's errors `status`. */
const created = (error: unknown) => {
  const { status, code } = error as { status?: number; code?: number };
  if ((status ?? code) !== 409) throw error;
};

const decisionsPath = `/apis/${GROUP}/v1/namespaces/argocd/placementdecisions`;

async function decideFor(cluster: string): Promise<void> {
  await send(
    'PATCH',
    `${decisionsPath}/${names.decision}`,
    { status: { decisions: [{ clusterName: cluster, reason: 'chosen' }, { clusterName: 'nowhere' }] } },
    'application/merge-patch+json',
  );
}

beforeAll(async () => {
  await core.createNamespace({ body: { metadata: { name: 'argocd' } } }).catch(created);
  await send('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `placementdecisions.${GROUP}` },
    spec: {
      group: GROUP,
      scope: 'Namespaced',
      names: {
        plural: 'placementdecisions',
        singular: 'placementdecision',
        kind: 'PlacementDecision',
        listKind: 'PlacementDecisionList',
      },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      ],
    },
  }).catch(created);
  await until('the PlacementDecision CRD served', () =>
    send('GET', decisionsPath).then(
      () => true,
      () => false,
    ),
  );
  await send('POST', decisionsPath, {
    apiVersion: `${GROUP}/v1`,
    kind: 'PlacementDecision',
    metadata: { name: names.decision, labels: { placement: suffix } },
  });
  await decideFor('plumbline-b');
  plugin = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      calls.push({ authorization: request.headers.authorization ?? '', body });
      const ok = request.headers.authorization === `Bearer ${TOKEN}`;
      response.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify(
          ok ? { output: { parameters: [{ env: 'one' }, { env: 'two' }] } } : { error: 'bad token' },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => plugin.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(plugin.address() as AddressInfo).port}`;
  for (const [name, data] of [
    [
      names.decisionsMap,
      {
        apiVersion: `${GROUP}/v1`,
        kind: 'placementdecisions',
        statusListKey: 'decisions',
        matchKey: 'clusterName',
      },
    ],
    [names.pluginMap, { baseUrl, token: `$${names.tokenSecret}:token`, requestTimeout: '5' }],
    [
      names.hostileMap,
      { apiVersion: `${GROUP}/v1`, kind: 'secrets/argocd-secret?x=', matchKey: 'clusterName' },
    ],
  ] as const)
    await core.createNamespacedConfigMap({ namespace: 'argocd', body: { metadata: { name }, data } });

  const { remote } = await remoteWith(root, 'config.git', {
    'app/cm.yaml': stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }),
  });
  const template = (name: string, destination: Record<string, string>) => ({
    metadata: { name },
    spec: {
      project: 'default',
      source: { repoURL: remote.bare, targetRevision: 'main', path: 'app' },
      destination: { ...destination, namespace: 'default' },
    },
  });
  workspace = join(root, 'workspace');
  await mkdir(workspace, { recursive: true });
  await writeFile(
    join(workspace, 'sets.yaml'),
    [
      {
        metadata: { name: 'decided' },
        spec: {
          generators: [
            {
              clusterDecisionResource: {
                configMapRef: names.decisionsMap,
                labelSelector: { matchLabels: { placement: suffix } },
                requeueAfterSeconds: 10,
              },
            },
          ],
          template: template('cdr-{{name}}', { server: '{{server}}' }),
        },
      },
      // what reaches a request path is checked first: a ConfigMap name climbing out of its
      // folder, a resource with a path of its own
      ...[
        ['hostile-ref', '../../../api/v1/namespaces/kube-system/secrets/x'],
        ['hostile-kind', names.hostileMap],
      ].map(([name, configMapRef]) => ({
        metadata: { name },
        spec: {
          generators: [{ clusterDecisionResource: { configMapRef, name: names.decision } }],
          template: template(`${name}-{{name}}`, { server: '{{server}}' }),
        },
      })),
      {
        metadata: { name: 'plugged' },
        spec: {
          generators: [
            {
              plugin: {
                configMapRef: { name: names.pluginMap },
                input: { parameters: { team: 'payments' } },
              },
            },
          ],
          template: template('plug-{{env}}', { name: 'plumbline-a' }),
        },
      },
    ]
      .map((set) => stringify({ apiVersion: 'argoproj.io/v1alpha1', kind: 'ApplicationSet', ...set }))
      .join('---\n'),
  );
  ({ engine, client } = testEngine(root, workspace, { secrets: memorySecretStore(), repoPollMs: 1_000 }));
}, 120_000);

afterAll(async () => {
  await engine?.close();
  plugin?.closeAllConnections();
  plugin?.close();
  for (const name of [names.decisionsMap, names.pluginMap, names.hostileMap])
    await core.deleteNamespacedConfigMap({ name, namespace: 'argocd' }).catch(() => undefined);
  await send('DELETE', `${decisionsPath}/${names.decision}`).catch(() => undefined);
});

const setOf = async (name: string) =>
  (await client.call('appsets.list', {})).sets.find((set) => set.name === name);
const conditionsOf = async (name: string) =>
  ((await setOf(name))?.conditions ?? []).map((c) => c.message).join('; ');
const appsOf = async (set: string) =>
  (await client.call('apps.list', {})).apps
    .filter((app) => app.applicationSet === set)
    .map((app) => app.name)
    .sort();

describe("generators reading Argo CD's namespace on the cluster that plays in-cluster", () => {
  it('say which setting they need until a cluster plays in-cluster', { timeout: 60_000 }, async () => {
    for (const set of ['decided', 'plugged'])
      expect(await until(`${set} explained`, async () => conditionsOf(set))).toMatch(
        /setting inClusterDestination/,
      );
    expect(calls).toEqual([]);
  });

  it(
    'clusterDecisionResource: one application per decided cluster, following the decision',
    { timeout: 120_000 },
    async () => {
      await client.call('settings.update', { inClusterDestination: 'plumbline-a' });
      await until('the application of plumbline-b', async () =>
        (await appsOf('decided')).includes('cdr-plumbline-b'),
      );
      // the decision naming no known cluster is skipped
      expect(await appsOf('decided')).toEqual(['cdr-plumbline-b']);
      const detail = await client.call('appsets.get', { name: 'decided' });
      expect(detail.params['cdr-plumbline-b']).toMatchObject({
        name: 'plumbline-b',
        clusterName: 'plumbline-b',
        reason: 'chosen',
      });
      expect(detail.set.conditions).toEqual([]);
      expect(await conditionsOf('hostile-ref')).toMatch(/is not a ConfigMap name/);
      expect(await conditionsOf('hostile-kind')).toMatch(/is not a resource name/);
      expect(await appsOf('hostile-ref')).toEqual([]);
      expect(await appsOf('hostile-kind')).toEqual([]);
      await decideFor('plumbline-a');
      // generated again after its requeueAfterSeconds, reading the cluster again
      await until(
        'the application following the decision to plumbline-a',
        async () => (await appsOf('decided')).join() === 'cdr-plumbline-a',
        60_000,
      );
    },
  );

  it(
    'plugin: nothing without its token, then the parameter sets the plugin answers',
    { timeout: 60_000 },
    async () => {
      expect(
        await until('the missing token said', async () =>
          /keychain holds no appset-secret:/.test(await conditionsOf('plugged')),
        ),
      ).toBe(true);
      expect(calls).toEqual([]);
      const stored = await client.call('appsets.secret', {
        secret: names.tokenSecret,
        key: 'token',
        token: TOKEN,
      });
      expect(stored).toEqual({ account: `appset-secret:${names.tokenSecret}:token`, stored: true });
      await until(
        'both applications of the plugin',
        async () => (await appsOf('plugged')).join() === 'plug-one,plug-two',
      );
      expect(calls.at(-1)!.authorization).toBe(`Bearer ${TOKEN}`);
      expect(JSON.parse(calls.at(-1)!.body)).toEqual({
        applicationSetName: 'plugged',
        input: { parameters: { team: 'payments' } },
      });
      const detail = await client.call('appsets.get', { name: 'plugged' });
      expect(detail.params['plug-one']).toMatchObject({
        env: 'one',
        generator: { input: { parameters: { team: 'payments' } } },
      });
      expect(JSON.stringify(await client.call('appsets.list', {}))).not.toContain(TOKEN);
    },
  );
});

const unavailable = keyringUnavailableReason();

describe.skipIf(unavailable)('plumbline appset secret and preview, in a real keychain', () => {
  const home = tempDir();
  const dataDir = join(home, 'data');
  const printed: string[] = [];
  const cli = async (command: string) => {
    const result = await runInKeyring(home, 'sh', ['-c', command], {
      PLUMBLINE_DATA_DIR: dataDir,
      PLUMBLINE_WORKSPACE: workspace,
      KUBECONFIG: testKubeconfigPath(),
    });
    printed.push(result.stdout, result.stderr);
    return result;
  };
  const plumbline = `'${process.execPath}' '${cliBin}'`;

  it(
    'stores the token piped on stdin; the preview calls the plugin with it',
    { timeout: 120_000 },
    async () => {
      await mkdir(dataDir, { recursive: true });
      await writeFile(join(home, 'token'), `${TOKEN}\n`);
      const before = calls.length;
      await writeFile(join(dataDir, 'config.json'), JSON.stringify({ inClusterDestination: 'plumbline-a' }));
      const refused = await cli(`${plumbline} appset preview plugged`);
      expect(refused.code).toBe(1);
      expect(refused.stdout + refused.stderr).toMatch(/keychain holds no appset-secret:/);
      const stored = await cli(
        `${plumbline} appset secret ${names.tokenSecret} token < '${join(home, 'token')}'`,
      );
      expect(stored.code, stored.stderr).toBe(0);
      expect(stored.stdout).toBe(`stored appset-secret:${names.tokenSecret}:token\n`);
      const preview = await cli(`${plumbline} appset preview plugged --output json`);
      expect(preview.code, preview.stderr).toBe(0);
      const entries = (JSON.parse(preview.stdout) as { entries: { name: string; action: string }[] }).entries;
      expect(entries.map((entry) => `${entry.action} ${entry.name}`).sort()).toEqual([
        'create plug-one',
        'create plug-two',
      ]);
      expect(calls.slice(before).at(-1)!.authorization).toBe(`Bearer ${TOKEN}`);
      const removed = await cli(`${plumbline} appset secret ${names.tokenSecret} token --remove`);
      expect(removed.stdout).toBe(`removed appset-secret:${names.tokenSecret}:token\n`);
      for (const text of printed) expect(text).not.toContain(TOKEN);
      for (const file of readdirSync(dataDir, { recursive: true, encoding: 'utf8' }))
        if (statSync(join(dataDir, file)).isFile())
          expect(readFileSync(join(dataDir, file), 'latin1')).not.toContain(TOKEN);
    },
  );
});
