// What a set's generators are, read without running them: in words for people ("clusters
// matching env=prod"), the repositories its git generators read (watched for new commits), whether
// it reads the cluster list, and when Argo CD would generate it again (requeueAfterSeconds; 3
// minutes by default for git and clusterDecisionResource, 30 for a plugin, scmProvider, pullRequest).
import type { ApplicationSet } from '../model/index.ts';
import { generatorKind } from './generators/dispatch.ts';
import { isRecord } from './params.ts';

/** Argo CD's git and clusterDecisionResource generators run every 3 minutes unless told otherwise. */
export const GIT_DEFAULT_REQUEUE_SECONDS = 180;
/** Argo CD's plugin, scmProvider and pullRequest generators ask again every 30 minutes unless told otherwise. */
export const SERVICE_DEFAULT_REQUEUE_SECONDS = 1800;
/**
 * Bounds of a set's own requeueAfterSeconds: a set asking for a millisecond would keep the
 * engine generating (and fetching) without pause, and a timer over about 24.8 days fires at once.
 */
export const REQUEUE_SECONDS_BOUNDS = { min: 10, max: 7 * 24 * 3600 };

type Generator = Record<string, unknown>;

function kindOf(generator: Generator): string | null {
  try {
    return generatorKind(generator);
  } catch {
    return null;
  }
}

function children(generator: Generator): Generator[] {
  const kind = kindOf(generator);
  const spec = kind ? generator[kind] : undefined;
  if ((kind !== 'matrix' && kind !== 'merge') || !isRecord(spec) || !Array.isArray(spec.generators))
    return [];
  return spec.generators.filter(isRecord);
}

/** Every generator of the set, nested ones included (matrix and merge children). */
function allGenerators(set: ApplicationSet): Generator[] {
  const out: Generator[] = [];
  const walk = (generator: Generator, depth: number) => {
    out.push(generator);
    // a set nested deeper than Argo CD allows fails at generation; nothing to walk here
    if (depth < 3) for (const child of children(generator)) walk(child, depth + 1);
  };
  for (const generator of set.spec.generators) walk(generator, 0);
  return out;
}

const specOf = (generator: Generator): Record<string, unknown> => {
  const kind = kindOf(generator);
  const spec = kind ? generator[kind] : undefined;
  return isRecord(spec) ? spec : {};
};

function selectorWords(selector: unknown): string {
  if (!isRecord(selector)) return '';
  const parts: string[] = [];
  if (isRecord(selector.matchLabels))
    for (const [key, value] of Object.entries(selector.matchLabels)) parts.push(`${key}=${String(value)}`);
  if (Array.isArray(selector.matchExpressions))
    for (const expression of selector.matchExpressions.filter(isRecord)) {
      const values = Array.isArray(expression.values) ? expression.values.join(',') : '';
      parts.push(`${String(expression.key)} ${String(expression.operator)}${values ? ` (${values})` : ''}`);
    }
  return parts.join(', ');
}

const paths = (list: unknown): string =>
  Array.isArray(list)
    ? list
        .filter(isRecord)
        .map((item) => `${item.exclude === true ? 'not ' : ''}${String(item.path)}`)
        .join(', ')
    : '';

const PROVIDERS = [
  'gitea',
  'github',
  'gitlab',
  'bitbucketServer',
  'bitbucket',
  'azureDevOps',
  'azuredevops',
  'awsCodeCommit',
];

function providerWords(
  spec: Record<string, unknown>,
): { name: string; config: Record<string, unknown> } | null {
  const name = PROVIDERS.find((key) => isRecord(spec[key]));
  return name ? { name, config: spec[name] as Record<string, unknown> } : null;
}

const ownerOf = (config: Record<string, unknown>, keys: string[]): string =>
  String(keys.map((key) => config[key]).find((value) => typeof value === 'string') ?? '?');

const filterCount = (filters: unknown): string =>
  Array.isArray(filters) && filters.length > 0
    ? ` (${filters.length} filter${filters.length === 1 ? '' : 's'})`
    : '';

/** One generator in words, nested generators in parentheses. */
export function describeGenerator(generator: Generator): string {
  const kind = kindOf(generator) ?? 'unknown generator';
  const spec = specOf(generator);
  const filter = generator.selector ? ` (only parameters matching ${selectorWords(generator.selector)})` : '';
  switch (kind) {
    case 'list': {
      const count = Array.isArray(spec.elements) ? spec.elements.length : 0;
      const yaml = typeof spec.elementsYaml === 'string' ? ' from elementsYaml' : '';
      return `list of ${count} element${count === 1 ? '' : 's'}${yaml}${filter}`;
    }
    case 'clusters': {
      const words = selectorWords(spec.selector);
      return `${words ? `clusters matching ${words}` : 'every cluster'}${filter}`;
    }
    case 'git': {
      const at = `${String(spec.repoURL)} at ${String(spec.revision || 'HEAD')}`;
      if (Array.isArray(spec.files)) return `git files ${paths(spec.files)} of ${at}${filter}`;
      return `git directories ${paths(spec.directories)} of ${at}${filter}`;
    }
    case 'clusterDecisionResource': {
      const which = spec.name ? `${String(spec.name)}` : `matching ${selectorWords(spec.labelSelector)}`;
      return `cluster decisions of ${which} (ConfigMap ${String(spec.configMapRef)})${filter}`;
    }
    case 'plugin': {
      const ref = isRecord(spec.configMapRef) ? String(spec.configMapRef.name) : '?';
      return `plugin of ConfigMap ${ref}${filter}`;
    }
    case 'scmProvider': {
      const provider = providerWords(spec);
      const owner = provider ? ownerOf(provider.config, ['owner', 'organization', 'group', 'project']) : '?';
      return `repositories of ${owner} on ${provider?.name ?? 'an SCM provider'}${filterCount(spec.filters)}${filter}`;
    }
    case 'pullRequest': {
      const provider = providerWords(spec);
      const repo = provider
        ? provider.config.project !== undefined
          ? String(provider.config.project)
          : `${String(provider.config.owner)}/${String(provider.config.repo)}`
        : '?';
      return `open pull requests of ${repo} on ${provider?.name ?? 'an SCM provider'}${filterCount(spec.filters)}${filter}`;
    }
    case 'matrix':
    case 'merge': {
      const parts = children(generator).map((child) => `(${describeGenerator(child)})`);
      const keys =
        kind === 'merge' && Array.isArray(spec.mergeKeys) ? ` on ${spec.mergeKeys.join(', ')}` : '';
      return `${kind} of ${parts.join(kind === 'matrix' ? ' × ' : ' and ')}${keys}${filter}`;
    }
    default:
      return kind;
  }
}

/** The repositories the set's git generators read. */
export function gitRepositories(set: ApplicationSet): string[] {
  const urls = allGenerators(set)
    .filter((generator) => kindOf(generator) === 'git')
    .map((generator) => specOf(generator).repoURL)
    .filter((url): url is string => typeof url === 'string' && url !== '' && !url.includes('{{'));
  return [...new Set(urls)];
}

/** The revision the first git generator reading `repoURL` names ('' for HEAD), or null when none reads it. */
export function gitRevision(set: ApplicationSet, repoURL: string): string | null {
  const generator = allGenerators(set).find(
    (candidate) => kindOf(candidate) === 'git' && specOf(candidate).repoURL === repoURL,
  );
  if (!generator) return null;
  const revision = specOf(generator).revision;
  return typeof revision === 'string' ? revision : '';
}

const SERVICE_KINDS = new Set(['plugin', 'clusterDecisionResource', 'scmProvider', 'pullRequest']);

/** Whether the set reads Argo CD's namespace, a generator secret or an SCM provider's API. */
export const readsServices = (set: ApplicationSet): boolean =>
  allGenerators(set).some((generator) => SERVICE_KINDS.has(kindOf(generator) ?? ''));

/** Whether the set reads the list of clusters (a registry or kubeconfig change concerns it). */
export const readsClusters = (set: ApplicationSet): boolean =>
  allGenerators(set).some((generator) => {
    const kind = kindOf(generator);
    return kind === 'clusters' || kind === 'clusterDecisionResource';
  });

/** Seconds until the set is generated again on its own; null: only when something it reads changes. */
export function requeueAfterSeconds(set: ApplicationSet): number | null {
  let least: number | null = null;
  for (const generator of allGenerators(set)) {
    const kind = kindOf(generator);
    const asked = specOf(generator).requeueAfterSeconds;
    const seconds =
      typeof asked === 'number' && Number.isFinite(asked) && asked > 0
        ? Math.min(Math.max(asked, REQUEUE_SECONDS_BOUNDS.min), REQUEUE_SECONDS_BOUNDS.max)
        : kind === 'git' || kind === 'clusterDecisionResource'
          ? GIT_DEFAULT_REQUEUE_SECONDS
          : kind === 'plugin' || kind === 'scmProvider' || kind === 'pullRequest'
            ? SERVICE_DEFAULT_REQUEUE_SECONDS
            : null;
    if (seconds !== null && (least === null || seconds < least)) least = seconds;
  }
  return least;
}
