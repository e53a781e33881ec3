// Discovery of the API resources a cluster serves, with the preferred version of every
// group/kind. Aggregated discovery (Kubernetes 1.26+, GA in 1.30) answers in two requests
// (/api and /apis); older servers get the legacy walk: /api, /apis, then one request per
// group's preferred version.
import { typeKeyOf, type ResourceType } from './resourceTypes.ts';

export interface ApiResource extends ResourceType {
  version: string;
  /** The URL segment: `deployments`. */
  plural: string;
  namespaced: boolean;
  verbs: string[];
}

/** `apps/v1 deployments`, `v1 pods`: a resource as messages name it. */
export function describeResource({ group, version, plural }: ApiResource): string {
  return `${group === '' ? version : `${group}/${version}`} ${plural}`;
}

/** Fetches one discovery document as JSON with the given Accept header. */
export type DiscoveryFetch = (path: string, accept: string) => Promise<unknown>;

const AGGREGATED_ACCEPT = [
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
  'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList',
  'application/json',
].join(',');

interface AggregatedList {
  kind?: string;
  items?: {
    metadata?: { name?: string };
    versions?: {
      version: string;
      resources?: { resource: string; responseKind?: { kind?: string }; scope?: string; verbs?: string[] }[];
    }[];
  }[];
}

interface LegacyResourceList {
  resources?: { name: string; kind: string; namespaced: boolean; verbs?: string[] }[];
}
interface LegacyGroupList {
  groups?: { name: string; preferredVersion?: { version: string }; versions?: { version: string }[] }[];
}

/** Versions come in preference order, so the first version listing a kind is its preferred one. */
function fromAggregated(list: AggregatedList): ApiResource[] {
  const out: ApiResource[] = [];
  for (const item of list.items ?? []) {
    const group = item.metadata?.name ?? '';
    for (const { version, resources } of item.versions ?? []) {
      for (const r of resources ?? []) {
        const kind = r.responseKind?.kind;
        if (!kind) continue;
        out.push({
          group,
          kind,
          version,
          plural: r.resource,
          namespaced: r.scope === 'Namespaced',
          verbs: r.verbs ?? [],
        });
      }
    }
  }
  return out;
}

function fromLegacyList(group: string, version: string, list: LegacyResourceList): ApiResource[] {
  return (list.resources ?? [])
    .filter((r) => !r.name.includes('/')) // subresources (`deployments/scale`)
    .map((r) => ({
      group,
      kind: r.kind,
      version,
      plural: r.name,
      namespaced: r.namespaced,
      verbs: r.verbs ?? [],
    }));
}

async function legacyDiscovery(fetch: DiscoveryFetch, groups: LegacyGroupList): Promise<ApiResource[]> {
  const lists = [
    fetch('/api/v1', 'application/json').then((l) => fromLegacyList('', 'v1', l as LegacyResourceList)),
  ];
  for (const g of groups.groups ?? []) {
    const version = g.preferredVersion?.version ?? g.versions?.[0]?.version;
    if (!version) continue;
    lists.push(
      fetch(`/apis/${g.name}/${version}`, 'application/json').then(
        (l) => fromLegacyList(g.name, version, l as LegacyResourceList),
        // An aggregated API server that is down must not hide every other group.
        () => [],
      ),
    );
  }
  return (await Promise.all(lists)).flat();
}

export async function discoverApiResources(fetch: DiscoveryFetch): Promise<ApiResource[]> {
  const [core, groups] = await Promise.all([
    fetch('/api', AGGREGATED_ACCEPT),
    fetch('/apis', AGGREGATED_ACCEPT),
  ]);
  const aggregated = (doc: unknown): doc is AggregatedList =>
    (doc as AggregatedList).kind === 'APIGroupDiscoveryList';
  if (aggregated(core) && aggregated(groups)) return [...fromAggregated(core), ...fromAggregated(groups)];
  return legacyDiscovery(fetch, groups as LegacyGroupList);
}

/** group/kind → its resource at the preferred version (the first one listed). */
export function indexByType(resources: readonly ApiResource[]): Map<string, ApiResource> {
  const index = new Map<string, ApiResource>();
  for (const resource of resources) {
    const key = typeKeyOf(resource);
    if (!index.has(key)) index.set(key, resource);
  }
  return index;
}
