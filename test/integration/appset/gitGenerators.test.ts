// The git generators against a real repository read through engine/git's repository cache:
// directories (exclude, pathParamPrefix, path segments, hidden folders left out) and files
// (globs, JSON and YAML, a list of objects, nested keys flattened, exclude), at a revision.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedRepositories, generateApplications } from '../../../engine/appset/index.ts';
import { createRepositoryCache } from '../../../engine/git/index.ts';
import { appSet, sources } from '../../support/appsetFixtures.ts';
import { makeRemote, makeScratch, type Remote, type Scratch } from '../../support/gitFixtures.ts';

let scratch: Scratch;
let remote: Remote;
let firstCommit: string;
let repositories: ReturnType<typeof cachedRepositories>;

beforeAll(async () => {
  scratch = await makeScratch();
  remote = await makeRemote(scratch.root);
  firstCommit = await remote.commit({ 'apps/cart/kustomization.yaml': 'resources: []\n' }, 'first');
  await remote.commit(
    {
      'apps/web/kustomization.yaml': 'resources: []\n',
      'apps/legacy/kustomization.yaml': 'resources: []\n',
      'apps/.hidden/x.yaml': 'a: b\n',
      'clusters/eu/config.json': JSON.stringify({
        cluster: { name: 'eu', address: 'https://eu.test' },
        replicas: 3,
      }),
      'clusters/us/config.yaml': 'cluster:\n  name: us\n  address: https://us.test\nreplicas: 1000000\n',
      'clusters/multi/config.yaml':
        '- cluster: {name: m1, address: https://m1.test}\n- cluster: {name: m2, address: https://m2.test}\n',
      'clusters/old/config.yaml': 'cluster: {name: old, address: https://old.test}\n',
    },
    'second',
  );
  await remote.push('refs/heads/main');
  repositories = cachedRepositories(createRepositoryCache({ cacheDir: scratch.cacheDir }));
});
afterAll(() => scratch.remove());

const dirTemplate = {
  metadata: { name: '{{path.basename}}' },
  spec: {
    project: 'default',
    source: { repoURL: 'r', path: '{{path}}' },
    destination: { server: 'https://kubernetes.default.svc' },
  },
};

describe('git directories generator', () => {
  it('makes one application per matching folder, excludes win, hidden folders are left out', async () => {
    const set = appSet(
      [
        {
          git: {
            repoURL: remote.bare,
            revision: 'main',
            directories: [{ path: 'apps/*' }, { path: 'apps/legacy', exclude: true }],
          },
        },
      ],
      {},
      dirTemplate,
    );
    const apps = await generateApplications(set, sources([], repositories));
    expect(apps.map((app) => app.name)).toEqual(['cart', 'web']);
    expect(apps[0]!.params).toEqual({
      path: 'apps/cart',
      'path.basename': 'cart',
      'path.basenameNormalized': 'cart',
      'path[0]': 'apps',
      'path[1]': 'cart',
    });
  });
  it('reads the revision asked for, and puts the path parameters under pathParamPrefix', async () => {
    const set = appSet(
      [
        {
          git: {
            repoURL: remote.bare,
            revision: firstCommit,
            pathParamPrefix: 'app',
            directories: [{ path: 'apps/*' }],
          },
        },
      ],
      {},
      { ...dirTemplate, metadata: { name: '{{app.path.basename}}' } },
    );
    const apps = await generateApplications(set, sources([], repositories));
    expect(apps.map((app) => app.name)).toEqual(['cart']);
    expect(apps[0]!.params['app.path[1]']).toBe('cart');
  });
});

describe('git files generator', () => {
  it('reads JSON and YAML files, lists of objects, flattens nested keys and writes numbers as Go does', async () => {
    const set = appSet(
      [
        {
          git: {
            repoURL: remote.bare,
            revision: 'main',
            files: [{ path: 'clusters/**/config.*' }, { path: 'clusters/old/*', exclude: true }],
          },
        },
      ],
      {},
      {
        metadata: { name: '{{cluster.name}}' },
        spec: {
          project: 'default',
          source: { repoURL: 'r', path: '{{path}}' },
          destination: { server: '{{cluster.address}}' },
        },
      },
    );
    const apps = await generateApplications(set, sources([], repositories));
    expect(apps.map((app) => app.name)).toEqual(['eu', 'm1', 'm2', 'us']);
    expect(apps[0]!.params).toMatchObject({
      'cluster.name': 'eu',
      replicas: '3',
      path: 'clusters/eu',
      'path.filename': 'config.json',
      'path.filenameNormalized': 'config.json',
      'path[1]': 'eu',
    });
    expect(apps[3]!.params.replicas).toBe('1e+06');
  });
  it('names the set, the generator and the repository when the revision does not exist', async () => {
    const set = appSet([{ git: { repoURL: remote.bare, revision: 'nope', files: [{ path: '*.yaml' }] } }]);
    await expect(generateApplications(set, sources([], repositories))).rejects.toThrow(
      /ApplicationSet shop, generator 0 \(git\): cannot read .* at nope/,
    );
  });
});
