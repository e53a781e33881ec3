// Children Argo CD links to a parent without an ownerReference: a Service's Endpoints (same
// name) and EndpointSlices (label kubernetes.io/service-name), and a StatefulSet's
// PersistentVolumeClaims (`<template>-<statefulset>-<ordinal>`). Lookups are grouped by
// namespace once per tree, so a tree stays linear in the number of objects.
import { objectKey, type KubeObject } from '../diff/index.ts';
import type { TypeQuery } from './objectIndex.ts';

export interface InferenceSource {
  get(key: { group: string; kind: string; namespace: string; name: string }): KubeObject | undefined;
  list(query: TypeQuery): KubeObject[];
}

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

function labelOf(obj: KubeObject, name: string): string | undefined {
  const labels = (obj.metadata as { labels?: Record<string, string> } | undefined)?.labels;
  return labels?.[name];
}

function nameOf(obj: KubeObject): string {
  return objectKey(obj).name;
}

function claimTemplateNames(sts: KubeObject): string[] {
  const templates = (sts.spec as { volumeClaimTemplates?: { metadata?: { name?: string } }[] } | undefined)
    ?.volumeClaimTemplates;
  return (templates ?? []).map((t) => t.metadata?.name ?? '').filter((name) => name !== '');
}

export class InferredChildren {
  /** namespace → grouping key → objects; filled on first use of a namespace. */
  private readonly slices = new Map<string, Map<string, KubeObject[]>>();
  private readonly claims = new Map<string, Map<string, KubeObject[]>>();

  constructor(private readonly source: InferenceSource) {}

  of(parent: KubeObject): KubeObject[] {
    const { group, kind, namespace, name } = objectKey(parent);
    if (group === '' && kind === 'Service') {
      const endpoints = this.source.get({ group: '', kind: 'Endpoints', namespace, name });
      const slices = this.grouped(this.slices, 'discovery.k8s.io', 'EndpointSlice', namespace, (s) =>
        labelOf(s, SERVICE_NAME_LABEL),
      );
      return [...(endpoints ? [endpoints] : []), ...(slices.get(name) ?? [])];
    }
    if (group === 'apps' && kind === 'StatefulSet') {
      // `data-web-0` → `data-web`: a claim is found by its name without the ordinal.
      const claims = this.grouped(
        this.claims,
        '',
        'PersistentVolumeClaim',
        namespace,
        (c) => /^(.+)-\d+$/.exec(nameOf(c))?.[1],
      );
      return claimTemplateNames(parent).flatMap((template) => claims.get(`${template}-${name}`) ?? []);
    }
    return [];
  }

  private grouped(
    cache: Map<string, Map<string, KubeObject[]>>,
    group: string,
    kind: string,
    namespace: string,
    groupKey: (obj: KubeObject) => string | undefined,
  ): Map<string, KubeObject[]> {
    let byKey = cache.get(namespace);
    if (byKey) return byKey;
    byKey = new Map();
    for (const obj of this.source.list({ group, kind, namespace })) {
      const key = groupKey(obj);
      if (key === undefined) continue;
      const list = byKey.get(key);
      if (list) list.push(obj);
      else byKey.set(key, [obj]);
    }
    cache.set(namespace, byKey);
    return byKey;
  }
}
