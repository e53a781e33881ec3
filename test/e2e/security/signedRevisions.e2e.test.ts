// AppProject signatureKeys on a real cluster: a revision signed by the project's key is synced
// (automatically, once the key is in Plumbline's keyring), an unsigned commit pushed after it is
// not — neither by auto-sync nor by hand — and the application says why in Argo CD's words.
import { join } from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { Engine } from '../../../engine/index.ts';
import { git, makeRemote, type Remote } from '../../support/gitFixtures.ts';
import { makeSigners, signedGit, type Signers } from '../../support/gpgFixtures.ts';
import { tempDir } from '../../support/tempDir.ts';
import { testEngine } from '../../support/testEngine.ts';
import { projectYaml, writeApplication } from '../../support/workspaceFixtures.ts';
import { clientsOf, connect, testNamespace, until } from '../live/liveTestKit.ts';

const root = tempDir();
const namespace = testNamespace('signed');
const workspace = join(root, 'workspace');
const { core } = clientsOf(connect('plumbline-a'));
let signers: Signers;
let remote: Remote;
let engine: Engine;
let client: PlumblineClient;

const configMap = (value: string) =>
  stringify({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'signed', namespace },
    data: { value },
  });
const app = async () => (await client.call('apps.get', { name: 'signed' })).app;
const liveValue = () =>
  core.readNamespacedConfigMap({ name: 'signed', namespace }).then(
    (cm) => cm.data?.value,
    () => undefined,
  );

beforeAll(async () => {
  signers = await makeSigners();
  remote = await makeRemote(root, 'signed.git');
  await remote.commit({ 'cm.yaml': configMap('signed-1') }, 'signed release');
  await signedGit(signers, signers.alice, remote.work, 'commit', '--quiet', '--amend', '-S', '--no-edit');
  await remote.push('main');
  await mkdir(workspace, { recursive: true });
  await writeApplication(workspace, 'signed', {
    project: 'signed',
    source: { repoURL: remote.bare, path: '.', targetRevision: 'main' },
    destination: { name: 'plumbline-a', namespace },
    syncPolicy: { automated: {}, syncOptions: ['CreateNamespace=true'] },
  });
  await writeFile(
    join(workspace, 'project.yaml'),
    projectYaml('signed', {
      sourceRepos: ['*'],
      destinations: [{ name: '*', namespace: '*' }],
      clusterResourceWhitelist: [{ group: '*', kind: '*' }],
      signatureKeys: [{ keyID: signers.alice.keyId }],
    }),
  );
  ({ engine, client } = testEngine(root, workspace, { repoPollMs: 1_000 }));
}, 120_000);
afterAll(async () => {
  await engine?.close();
  await signers?.remove();
});

describe('signatureKeys', () => {
  it('hold a signed revision until its key is in the keyring, then auto-sync deploys it', async () => {
    await until('the missing key shown', async () =>
      (await app()).conditions.some(
        (c) => c.type === 'ComparisonError' && /not in Plumbline's GnuPG keyring/.test(c.message),
      ),
    );
    expect(await liveValue()).toBeUndefined();
    await client.call('gpg.add', { keyData: signers.alice.publicKey });
    await until('the signed revision deployed', async () => (await liveValue()) === 'signed-1', 30_000);
    expect((await app()).conditions.filter((c) => c.type === 'ComparisonError')).toEqual([]);
  });

  it('refuse an unsigned commit pushed after it: not auto-synced, not synced by hand, and say why', async () => {
    const unsigned = await remote.commit({ 'cm.yaml': configMap('unsigned-2') }, 'unsigned change');
    await remote.push('main');
    const message = `Target revision ${unsigned} in Git is not signed, but a signature is required`;
    await until('the unsigned revision shown', async () =>
      (await app()).conditions.some((c) => c.type === 'ComparisonError' && c.message === message),
    );
    expect((await app()).sync.status).toBe('OutOfSync');
    await expect(client.call('apps.sync', { name: 'signed' })).rejects.toThrow(
      `signed: sync blocked: ${message}`,
    );
    // a dry run writes nothing and may still show what the revision would change
    const { operation } = await client.call('apps.sync', { name: 'signed', dryRun: true });
    expect(operation.dryRun).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await liveValue()).toBe('signed-1');
  });

  it('deploy again once the next commit is signed by the project key', async () => {
    await remote.commit({ 'cm.yaml': configMap('signed-3') }, 'signed again');
    await signedGit(signers, signers.alice, remote.work, 'commit', '--quiet', '--amend', '-S', '--no-edit');
    await git(remote.work, 'push', '--quiet', '--force', 'origin', 'main');
    await until('the signed revision deployed', async () => (await liveValue()) === 'signed-3', 30_000);
  });
});
