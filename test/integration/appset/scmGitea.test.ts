// The scmProvider and pullRequest generators against a real Gitea server on 127.0.0.1 (built from
// its Go module by test/gitea/build.sh): an organisation's repositories with their default branch
// SHAs, all branches, each filter kind, archived repositories, labels; open pull requests with
// label and branch filters and slugs; the token only from the keychain and only to an allowed
// API; a repository that is not there; and a wrong token, whose error never carries it.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { generateApplications } from '../../../engine/appset/index.ts';
import { generatorSecretAccount, storedGeneratorSecret } from '../../../engine/appset/generatorSecret.ts';
import type { ScmAccess } from '../../../engine/appset/sources.ts';
import { memorySecretStore } from '../../../engine/secrets/secretStore.ts';
import { resolveTool } from '../../../engine/tools/index.ts';
import { appSet, sources } from '../../support/appsetFixtures.ts';
import { unreachableDevKubeconfig } from '../../support/kubeconfigFixture.ts';
import { tempDir } from '../../support/tempDir.ts';
import { testEngine } from '../../support/testEngine.ts';
import { until } from '../../support/until.ts';
import { giteaUnavailable, startGitea, type GiteaServer } from '../../support/giteaServer.ts';

let gitea: GiteaServer;
const cacheDir = tempDir();
const shas: Record<string, string> = {};

beforeAll(async () => {
  gitea = await startGitea();
  for (const repo of ['svc-a', 'svc-b', 'tools']) await gitea.createRepo('team', repo);
  await gitea.createRepo('team', 'old');
  await gitea.addFile('team', 'svc-a', 'deploy/kustomization.yaml', 'main');
  await gitea.addFile('team', 'svc-b', 'deploy/kustomization.yaml', 'main');
  await gitea.label('team', 'svc-a', 'deployable');
  shas['svc-a/feature/x'] = await gitea.branch('team', 'svc-a', 'feature/x');
  shas['svc-a/release_2.0'] = await gitea.branch('team', 'svc-a', 'release_2.0');
  for (const repo of ['svc-a', 'svc-b', 'tools', 'old']) {
    const branch = await gitea.api<{ commit: { id: string } }>('GET', `/repos/team/${repo}/branches/main`);
    shas[`${repo}/main`] = branch.commit.id;
  }
  await gitea.api('PATCH', '/repos/team/old', { archived: true });
  const deploy = await gitea.label('team', 'svc-a', 'preview');
  await gitea.pullRequest('team', 'svc-a', 'feature/x', 'Add feature X', [deploy]);
  await gitea.pullRequest('team', 'svc-a', 'release_2.0', 'Release 2.0');
}, 180_000);
afterAll(async () => gitea?.close());

const TOKEN_REF = { secretName: 'gitea', key: 'token' };

function access(allowed: string[] = [gitea.url], token = gitea.token): ScmAccess & { reads: number } {
  const store = memorySecretStore({ [generatorSecretAccount('gitea', 'token')]: token });
  const out = {
    allowedApis: allowed,
    reads: 0,
    token: (secretName: string, key: string) => {
      out.reads += 1;
      return storedGeneratorSecret(store, secretName, key);
    },
  };
  return out;
}

const template = (name: string, dot = '', repoURL = '{{url}}') => ({
  metadata: { name },
  spec: {
    project: 'default',
    source: { repoURL, path: 'deploy', targetRevision: `{{${dot}branch}}` },
    destination: { server: 'https://a.test', namespace: 'apps' },
  },
});

async function scm(
  gitea: Record<string, unknown>,
  extra: Record<string, unknown> = {},
  scmAccess: ScmAccess = access(),
) {
  const set = appSet(
    [{ scmProvider: { gitea: { owner: 'team', api: giteaUrl(), tokenRef: TOKEN_REF, ...gitea }, ...extra } }],
    {},
    template('{{repository}}-{{branchNormalized}}'),
  );
  return generateApplications(set, { ...sources(), scm: scmAccess });
}
const giteaUrl = () => gitea.url;

describe.skipIf(giteaUnavailable() !== null)('scmProvider generator on a real Gitea', () => {
  it("lists the organisation's repositories at their default branch, with Argo CD's parameters", async () => {
    const apps = await scm({ excludeArchivedRepos: true }, { cloneProtocol: 'https' });
    expect(apps.map((app) => app.name).sort()).toEqual(['svc-a-main', 'svc-b-main', 'tools-main']);
    const svcA = apps.find((app) => app.name === 'svc-a-main')!;
    expect(svcA.params).toMatchObject({
      organization: 'team',
      repository: 'svc-a',
      url: `${gitea.url}/team/svc-a`,
      branch: 'main',
      branchNormalized: 'main',
      sha: shas['svc-a/main'],
      short_sha: shas['svc-a/main']!.slice(0, 8),
      short_sha_7: shas['svc-a/main']!.slice(0, 7),
      labels: 'deployable,preview',
    });
    expect(typeof svcA.params.repository_id).toBe('string');
    expect(svcA.application.spec.source?.repoURL).toBe(`${gitea.url}/team/svc-a`);
  });

  it('keeps archived repositories unless told to exclude them, and reads every branch with allBranches', async () => {
    const all = await scm({ allBranches: true });
    const names = all.map((app) => app.name).sort();
    expect(names).toEqual([
      'old-main',
      'svc-a-feature-x',
      'svc-a-main',
      'svc-a-release-2.0',
      'svc-b-main',
      'tools-main',
    ]);
    expect(all.find((app) => app.name === 'svc-a-feature-x')!.params.sha).toBe(shas['svc-a/feature/x']);
  });

  it('applies repository filters before branches and branch filters after, as Argo CD does', async () => {
    const byRepo = await scm({}, { filters: [{ repositoryMatch: '^svc-' }] });
    expect(byRepo.map((app) => app.name).sort()).toEqual(['svc-a-main', 'svc-b-main']);
    const byPath = await scm(
      {},
      { filters: [{ pathsExist: ['deploy/'], pathsDoNotExist: ['deploy/missing.yaml'] }] },
    );
    expect(byPath.map((app) => app.name).sort()).toEqual(['svc-a-main', 'svc-b-main']);
    const byLabel = await scm({}, { filters: [{ labelMatch: '^deploy' }] });
    expect(byLabel.map((app) => app.name)).toEqual(['svc-a-main']);
    const byBranch = await scm(
      { allBranches: true },
      { filters: [{ repositoryMatch: 'svc-a', branchMatch: '^(feature|release)' }] },
    );
    expect(byBranch.map((app) => app.name).sort()).toEqual(['svc-a-feature-x', 'svc-a-release-2.0']);
    // two filters are alternatives: either keeps a repository
    const either = await scm({}, { filters: [{ repositoryMatch: '^tools$' }, { labelMatch: 'deployable' }] });
    expect(either.map((app) => app.name).sort()).toEqual(['svc-a-main', 'tools-main']);
  });

  it('sends the token only to an allowed API, and only from the keychain', async () => {
    const notListed = access([]);
    await expect(scm({}, {}, notListed)).rejects.toThrow(/allowedScmProviders/);
    expect(notListed.reads).toBe(0);
    const otherListed = access(['https://gitea.example.test']);
    await expect(scm({}, {}, otherListed)).rejects.toThrow(/scm provider not allowed/);
    const missing = {
      allowedApis: [gitea.url],
      token: (s: string, k: string) => storedGeneratorSecret(memorySecretStore(), s, k),
    };
    await expect(scm({}, {}, missing)).rejects.toThrow(/keychain holds no appset-secret:gitea:token/);
  });

  it('says a wrong token was refused, without the token', async () => {
    const wrong = 'wrong-token-5d1c7e2a9b';
    const error = await scm({}, {}, access([gitea.url], wrong)).catch((caught: Error) => caught);
    expect(String(error)).toMatch(/answered 401 .*check the token/);
    expect(String(error)).not.toContain(wrong);
  });

  it('says which owner is not there', async () => {
    await expect(scm({ owner: 'nobody' })).rejects.toThrow(/found no orgs\/nobody\/repos \(404\)/);
  });
});

async function pulls(
  giteaSpec: Record<string, unknown>,
  extra: Record<string, unknown> = {},
  goTemplate = false,
) {
  const name = goTemplate ? 'pr-{{.number}}-{{.branch_slug}}' : 'pr-{{number}}-{{branch_slug}}';
  const set = appSet(
    [
      {
        pullRequest: {
          gitea: { owner: 'team', repo: 'svc-a', api: gitea.url, tokenRef: TOKEN_REF, ...giteaSpec },
          ...extra,
        },
      },
    ],
    goTemplate ? { goTemplate: true } : {},
    template(name, goTemplate ? '.' : '', 'https://git.example.test/apps.git'),
  );
  const helm = goTemplate
    ? { goTemplate: { helmPath: (await resolveTool('helm', { cacheDir })).path, cacheDir } }
    : {};
  return generateApplications(set, { ...sources(), scm: access(), ...helm });
}

describe.skipIf(giteaUnavailable() !== null)('pullRequest generator on a real Gitea', () => {
  it("gives one application per open pull request, with Argo CD's parameters", async () => {
    const apps = await pulls({});
    expect(apps.map((app) => app.name).sort()).toEqual(['pr-1-feature-x', 'pr-2-release-2-0']);
    expect(apps.find((app) => app.name === 'pr-1-feature-x')!.params).toEqual({
      number: '1',
      title: 'Add feature X',
      branch: 'feature/x',
      branch_slug: 'feature-x',
      target_branch: 'main',
      target_branch_slug: 'main',
      head_sha: shas['svc-a/feature/x'],
      head_short_sha: shas['svc-a/feature/x']!.slice(0, 8),
      head_short_sha_7: shas['svc-a/feature/x']!.slice(0, 7),
      author: 'tester',
    });
  });

  it('keeps only pull requests with every label asked for, and filters by branch and title', async () => {
    expect((await pulls({ labels: ['preview'] })).map((app) => app.name)).toEqual(['pr-1-feature-x']);
    expect((await pulls({}, { filters: [{ branchMatch: '^release' }] })).map((app) => app.name)).toEqual([
      'pr-2-release-2-0',
    ]);
    expect((await pulls({}, { filters: [{ titleMatch: '^feature' }] })).map((app) => app.name)).toEqual([]);
    expect(
      (await pulls({}, { filters: [{ targetBranchMatch: '^main$', titleMatch: '(?i)feature' }] })).map(
        (app) => app.name,
      ),
    ).toEqual(['pr-1-feature-x']);
  });

  it('gives the labels as a list in goTemplate mode', async () => {
    const apps = await pulls({ labels: ['preview'] }, {}, true);
    expect(apps[0]!.params.labels).toEqual(['preview']);
  });

  it('fails on a repository that is not there, unless continueOnRepoNotFoundError', async () => {
    await expect(pulls({ repo: 'gone' })).rejects.toThrow(/found no repos\/team\/gone\/pulls \(404\)/);
    expect(await pulls({ repo: 'gone' }, { continueOnRepoNotFoundError: true })).toEqual([]);
  });
});

describe.skipIf(giteaUnavailable() !== null)('a pullRequest set in a running engine, on a real Gitea', () => {
  it('waits for its token in the keychain (appsets.secret), then generates; the allow list comes from the settings', async () => {
    const root = tempDir();
    const workspace = join(root, 'workspace');
    await mkdir(join(root, 'data'), { recursive: true });
    await writeFile(join(root, 'data', 'config.json'), JSON.stringify({ allowedScmProviders: [gitea.url] }));
    await mkdir(workspace, { recursive: true });
    await writeFile(
      join(workspace, 'previews.yaml'),
      stringify(
        appSet(
          [{ pullRequest: { gitea: { owner: 'team', repo: 'svc-a', api: gitea.url, tokenRef: TOKEN_REF } } }],
          {},
          template('pr-{{number}}-{{branch_slug}}', '', 'https://git.example.test/apps.git'),
        ),
      ),
    );
    const secrets = memorySecretStore();
    const { engine, client } = testEngine(root, workspace, {
      kubeconfig: unreachableDevKubeconfig(root),
      secrets,
    });
    try {
      const conditionOf = async () =>
        (await client.call('appsets.list', {})).sets[0]?.conditions[0]?.message ?? '';
      expect(await until(conditionOf, (message) => message !== '')).toMatch(
        /keychain holds no appset-secret:gitea:token/,
      );
      await client.call('appsets.secret', { secret: 'gitea', key: 'token', token: gitea.token });
      const names = await until(
        async () => (await client.call('apps.list', {})).apps.map((app) => app.name).sort(),
        (list) => list.length === 2,
      );
      expect(names).toEqual(['pr-1-feature-x', 'pr-2-release-2-0']);
      expect(JSON.stringify(await client.call('appsets.list', {}))).not.toContain(gitea.token);
    } finally {
      await engine.close();
    }
  });
});
