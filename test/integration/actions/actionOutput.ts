// What Argo CD's catalogue test leaves out before it compares an action's output with the
// expected one: the times scripts stamp (restarts, Flux and external-secrets refreshes, CNPG
// reloads, Rollout restarts, Job failure targets) and what the API server owns on a Deployment
// or Workflow. The same rules, written for plain objects.
import type { KubeObject } from '../../../engine/diff/index.ts';

type Fields = Record<string, unknown>;
const ZERO_TIME = '0001-01-01T00:00:00Z';
const FLUX_GROUPS: Record<string, string[]> = {
  'helm.toolkit.fluxcd.io': ['HelmRelease'],
  'source.toolkit.fluxcd.io': ['Bucket', 'GitRepository', 'HelmChart', 'HelmRepository', 'OCIRepository'],
  'image.toolkit.fluxcd.io': ['ImageRepository', 'ImageUpdateAutomation'],
  'kustomize.toolkit.fluxcd.io': ['Kustomization'],
  'notification.toolkit.fluxcd.io': ['Receiver'],
};

function at(obj: Fields, ...path: string[]): Fields {
  let current = obj;
  for (const key of path) {
    if (!current[key] || typeof current[key] !== 'object') current[key] = {};
    current = current[key] as Fields;
  }
  return current;
}

function normalizeJob(obj: Fields): void {
  const conditions = (obj.status as Fields | undefined)?.conditions;
  if (!Array.isArray(conditions)) return;
  for (const condition of conditions as Fields[])
    if (condition.type === 'FailureTarget') condition.lastTransitionTime = ZERO_TIME;
}

function byGroup(obj: Fields, group: string, kind: string): void {
  if (group === 'batch' && kind === 'Job') normalizeJob(obj);
  if (group === 'apps' && ['DaemonSet', 'Deployment', 'StatefulSet'].includes(kind))
    at(obj, 'spec', 'template', 'metadata').annotations = { 'kubectl.kubernetes.io/restartedAt': ZERO_TIME };
  if (group === 'apps' && kind === 'Deployment') {
    delete obj.status;
    delete at(obj, 'metadata').creationTimestamp;
    delete at(obj, 'metadata').generation;
  }
  if (group === 'argoproj.io' && kind === 'Rollout') delete at(obj, 'spec').restartAt;
  if (group === 'argoproj.io' && kind === 'Workflow') {
    const metadata = at(obj, 'metadata');
    delete metadata.resourceVersion;
    delete metadata.uid;
    delete at(obj, 'metadata', 'annotations')['workflows.argoproj.io/scheduled-time'];
  }
  if (group === 'external-secrets.io' && ['ExternalSecret', 'PushSecret'].includes(kind))
    at(obj, 'metadata').annotations = { 'force-sync': ZERO_TIME };
  if (group === 'postgresql.cnpg.io' && kind === 'Cluster') {
    Object.assign(at(obj, 'metadata', 'annotations'), {
      'cnpg.io/reloadedAt': ZERO_TIME,
      'kubectl.kubernetes.io/restartedAt': ZERO_TIME,
    });
    delete at(obj, 'status').targetPrimaryTimestamp;
  }
  if (FLUX_GROUPS[group]?.includes(kind))
    at(obj, 'metadata').annotations = {
      'reconcile.fluxcd.io/requestedAt': 'By Argo CD at: 0001-01-01T00:00:00',
    };
}

/** A copy of the object with Argo CD's normalisation applied (the name of a created Job or Workflow too). */
export function normalizeActionOutput(obj: KubeObject, nameAs?: string): Fields {
  const copy = JSON.parse(JSON.stringify(obj)) as Fields;
  const apiVersion = String(copy.apiVersion ?? '');
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
  byGroup(copy, group, String(copy.kind ?? ''));
  if (nameAs !== undefined) at(copy, 'metadata').name = nameAs;
  return copy;
}
