// ApplicationSets for the engine/appset tests: a set from generators and a template, and sources
// that hold no cluster and no repository unless a test gives them.
import { stringify } from 'yaml';
import type { ApplicationSet } from '../../engine/model/index.ts';
import type { RolloutApp } from '../../engine/appset/rollingSync.ts';
import { staticClusters, type ClusterEntry, type RepositorySource } from '../../engine/appset/index.ts';

export const appTemplate = {
  metadata: { name: '{{name}}' },
  spec: {
    project: 'default',
    source: { repoURL: 'https://git.example.test/apps.git', path: 'apps/{{name}}', targetRevision: 'HEAD' },
    destination: { server: '{{server}}', namespace: '{{name}}' },
  },
};

export function appSet(
  generators: Record<string, unknown>[],
  extra: Partial<ApplicationSet['spec']> = {},
  template: Record<string, unknown> = appTemplate,
): ApplicationSet {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: 'shop' },
    spec: { generators, template: template as ApplicationSet['spec']['template'], ...extra },
  };
}

export const noRepositories: RepositorySource = {
  checkout: async (url) => {
    throw new Error(`no repository ${url} in this test`);
  },
};

export function sources(clusters: ClusterEntry[] = [], repositories: RepositorySource = noRepositories) {
  return { clusters: staticClusters(clusters), repositories };
}

/** An application as a RollingSync pass sees it: existing, compared, not yet deployed. */
export function rolloutApp(
  name: string,
  labels: Record<string, string>,
  over: Partial<RolloutApp> = {},
): RolloutApp {
  return {
    name,
    labels,
    exists: true,
    known: true,
    health: 'Missing',
    sync: 'OutOfSync',
    revisions: ['abc'],
    operationStartedAt: null,
    operationPhase: null,
    hasError: false,
    specChanged: false,
    ...over,
  };
}

/**
 * The YAML of ApplicationSet `envs`: a git files generator over `envs/*\/config.json` of
 * `repoURL` at main, one application `{{env}}-app` each, into namespace `{{env}}` of `destination`.
 */
export function envsSetYaml(
  repoURL: string,
  destination: Record<string, string> = { name: 'dev' },
  spec: Record<string, unknown> = {},
): string {
  return stringify({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: 'envs' },
    spec: {
      generators: [{ git: { repoURL, revision: 'main', files: [{ path: 'envs/*/config.json' }] } }],
      template: {
        metadata: { name: '{{env}}-app' },
        spec: {
          project: 'default',
          source: { repoURL, path: 'app' },
          destination: { ...destination, namespace: '{{env}}' },
          ...spec,
        },
      },
    },
  });
}
