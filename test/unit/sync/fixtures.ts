// Plain objects for the sync planning tests: what a render produces, and live objects this app
// (or another) deployed.
import type { KubeObject } from '../../../engine/diff/index.ts';
import type { SyncRequest, SyncRunOptions } from '../../../engine/sync/index.ts';

export const APP = 'shop';

export function obj(
  apiVersion: string,
  kind: string,
  name: string,
  annotations: Record<string, string> = {},
  namespace: string | undefined = 'shop',
): KubeObject {
  return { apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}), annotations } };
}

/** A live object carrying this app's tracking id (as a previous sync left it). */
export function tracked(
  apiVersion: string,
  kind: string,
  name: string,
  annotations: Record<string, string> = {},
) {
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
  return obj(apiVersion, kind, name, {
    'plumbline.dev/tracking-id': `${APP}:${group}/${kind}:shop/${name}`,
    ...annotations,
  });
}

export function request(
  desired: KubeObject[],
  live: KubeObject[] = [],
  options: SyncRunOptions = {},
): SyncRequest {
  return { appName: APP, desired, live, options };
}
