// A set read without running it: each generator in words, the repositories its git generators
// read, whether it reads the cluster list, and when Argo CD would generate it again
// (requeueAfterSeconds, 3 minutes for a git generator naming none, the least of all).
import { describe, expect, it } from 'vitest';
import {
  describeGenerator,
  gitRepositories,
  readsClusters,
  requeueAfterSeconds,
} from '../../../engine/appset/describe.ts';
import { appSet } from '../../support/appsetFixtures.ts';

const git = (extra: Record<string, unknown>) => ({
  git: { repoURL: 'https://g.test/c.git', revision: 'main', ...extra },
});

describe('describeGenerator', () => {
  it.each([
    [{ list: { elements: [{}, {}] } }, 'list of 2 elements'],
    [{ list: { elementsYaml: '- a: 1' } }, 'list of 0 elements from elementsYaml'],
    [{ clusters: {} }, 'every cluster'],
    [{ clusters: { selector: { matchLabels: { env: 'prod' } } } }, 'clusters matching env=prod'],
    [
      { clusters: { selector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] } } },
      'clusters matching tier In (a,b)',
    ],
    [
      git({ files: [{ path: 'envs/*/config.json' }] }),
      'git files envs/*/config.json of https://g.test/c.git at main',
    ],
    [
      git({ directories: [{ path: 'apps/*' }, { path: 'apps/old', exclude: true }] }),
      'git directories apps/*, not apps/old of https://g.test/c.git at main',
    ],
    [
      { matrix: { generators: [{ clusters: {} }, { list: { elements: [{}] } }] } },
      'matrix of (every cluster) × (list of 1 element)',
    ],
    [
      { merge: { mergeKeys: ['name'], generators: [{ clusters: {} }, { list: { elements: [] } }] } },
      'merge of (every cluster) and (list of 0 elements) on name',
    ],
    [{ pullRequest: {} }, 'open pull requests of ? on an SCM provider'],
    [
      { pullRequest: { gitea: { owner: 'team', repo: 'svc' }, filters: [{ branchMatch: 'x' }] } },
      'open pull requests of team/svc on gitea (1 filter)',
    ],
    [{ pullRequest: { gitlab: { project: '42' } } }, 'open pull requests of 42 on gitlab'],
    [{ scmProvider: { github: { organization: 'acme' } } }, 'repositories of acme on github'],
    [{ plugin: { configMapRef: { name: 'p' } } }, 'plugin of ConfigMap p'],
    [
      { clusterDecisionResource: { configMapRef: 'cm', name: 'quak' } },
      'cluster decisions of quak (ConfigMap cm)',
    ],
    [
      { list: { elements: [] }, selector: { matchLabels: { a: 'b' } } },
      'list of 0 elements (only parameters matching a=b)',
    ],
  ])('%j → %s', (generator, words) => {
    expect(describeGenerator(generator)).toBe(words);
  });
});

describe('what a set reads and when it generates again', () => {
  it('finds git repositories and the cluster list, nested ones too; a templated URL is not watched', () => {
    const set = appSet([
      { matrix: { generators: [{ clusters: {} }, git({ files: [{ path: 'x' }] })] } },
      { git: { repoURL: '{{url}}', directories: [{ path: '*' }] } },
    ]);
    expect(gitRepositories(set)).toEqual(['https://g.test/c.git']);
    expect(readsClusters(set)).toBe(true);
    expect(readsClusters(appSet([{ list: { elements: [] } }]))).toBe(false);
  });

  it('requeues after the least requeueAfterSeconds, a git generator 180 s by default, a list never', () => {
    expect(requeueAfterSeconds(appSet([{ list: { elements: [] } }]))).toBeNull();
    expect(requeueAfterSeconds(appSet([git({ files: [] })]))).toBe(180);
    expect(requeueAfterSeconds(appSet([git({ files: [], requeueAfterSeconds: 30 })]))).toBe(30);
    expect(
      requeueAfterSeconds(appSet([{ clusters: { requeueAfterSeconds: 600 } }, git({ files: [] })])),
    ).toBe(180);
  });

  it('requeues a clusterDecisionResource after 3 minutes and a plugin after 30 by default, as Argo CD does', () => {
    const decisions = { clusterDecisionResource: { configMapRef: 'cm', name: 'quak' } };
    const plugin = { plugin: { configMapRef: { name: 'p' } } };
    expect(requeueAfterSeconds(appSet([decisions]))).toBe(180);
    expect(requeueAfterSeconds(appSet([plugin]))).toBe(1800);
    expect(requeueAfterSeconds(appSet([{ plugin: { ...plugin.plugin, requeueAfterSeconds: 60 } }]))).toBe(60);
    expect(readsClusters(appSet([decisions]))).toBe(true);
  });
});
