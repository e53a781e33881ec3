// Importing Argo CD's repository Secrets from a cluster (plumbline-a, a namespace of this test
// playing Argo CD's): repository and repo-creds Secrets become a repository and a template with
// their credentials in the keychain; Secrets of other types and unlabelled ones are not taken.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlumblineClient } from '../../../engine/api/client.ts';
import type { Engine } from '../../../engine/index.ts';
import { findRepoCredentials } from '../../../engine/secrets/repoCredentials.ts';
import { memorySecretStore } from '../../../engine/secrets/secretStore.ts';
import { tempDir } from '../../support/tempDir.ts';
import { testEngine } from '../../support/testEngine.ts';
import { clientsOf, connect, testNamespace } from '../live/liveTestKit.ts';

const namespace = testNamespace('repo-import');
const { core } = clientsOf(connect('plumbline-a'));
const secrets = memorySecretStore();
let engine: Engine;
let client: PlumblineClient;

const secret = (name: string, type: string | null, stringData: Record<string, string>) => ({
  metadata: { name, ...(type ? { labels: { 'argocd.argoproj.io/secret-type': type } } : {}) },
  stringData,
});

beforeAll(async () => {
  for (const body of [
    secret('app-repo', 'repository', {
      url: 'https://git.example.test/team/app.git',
      username: 'bot',
      password: 'cluster-password-61c2',
      project: 'team',
    }),
    secret('org-creds', 'repo-creds', {
      url: 'https://git.example.test/org',
      password: 'cluster-token-0d7e',
    }),
    secret('a-cluster', 'cluster', { server: 'https://k8s.example.test', name: 'x' }),
    secret('unrelated', null, { url: 'https://git.example.test/unrelated', password: 'not-taken' }),
  ])
    await core.createNamespacedSecret({ namespace, body });
  const root = tempDir();
  ({ engine, client } = testEngine(root, join(root, 'no-workspace'), { secrets, renderOnStart: false }));
});
afterAll(async () => {
  await engine?.close();
});

describe('repos.import from a cluster', () => {
  it("takes the namespace's repository and repo-creds Secrets", async () => {
    const result = await client.call('repos.import', { cluster: 'plumbline-a', namespace });
    expect(result.imported.map((item) => `${item.kind} ${item.url} ${item.secret}`).sort()).toEqual([
      `repository https://git.example.test/team/app.git ${namespace}/app-repo`,
      `template https://git.example.test/org ${namespace}/org-creds`,
    ]);
    expect(result.skipped).toEqual([]);
    const { repositories } = await client.call('repos.list', {});
    expect(repositories.find((entry) => entry.kind === 'repository')).toMatchObject({
      username: 'bot',
      hasPassword: true,
      project: 'team',
      importedFrom: `cluster plumbline-a/${namespace}`,
    });
    expect(await findRepoCredentials(secrets, 'https://git.example.test/org/other')).toEqual({
      password: 'cluster-token-0d7e',
    });
    expect(await findRepoCredentials(secrets, 'https://git.example.test/unrelated')).toBeNull();
    expect(JSON.stringify(result)).not.toContain('cluster-password-61c2');
  });

  it('says which cluster could not be read', async () => {
    await expect(client.call('repos.import', { cluster: 'no-such-cluster' })).rejects.toThrow(
      /no-such-cluster/,
    );
  });
});
