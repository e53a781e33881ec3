// An in-memory stand-in for one cluster's API, for unit tests of the sync operation's control
// flow (retries, terminate, progress): it stores what is applied and can refuse writes.
import type { ClusterConnection } from '../../../engine/cluster/index.ts';
import { KubeApiError } from '../../../engine/cluster/index.ts';
import type { KubeObject } from '../../../engine/diff/index.ts';

interface FakeRequest {
  method: string;
  path: string;
  query?: Record<string, unknown>;
  body?: string;
}

export class FakeCluster {
  readonly objects = new Map<string, KubeObject>();
  readonly writes: string[] = [];
  /** Writes left to refuse (with 422), then writes pass. */
  refuseWrites = 0;

  readonly connection = {
    context: 'fake',
    defaultNamespace: 'default',
    resourceFor: (group: string, kind: string) =>
      Promise.resolve({
        group,
        kind,
        version: 'v1',
        plural: `${kind.toLowerCase()}s`,
        namespaced: true,
        verbs: [],
      }),
    resourcePath: (resource: { plural: string }, namespace?: string, name?: string) =>
      `/${namespace ?? ''}/${resource.plural}${name === undefined ? '' : `/${name}`}`,
    request: (req: FakeRequest) =>
      this.handle(req).then((obj) => ({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify(obj ?? {}),
      })),
    requestJson: (req: FakeRequest) => this.handle(req),
  } as unknown as ClusterConnection;

  private handle(req: FakeRequest): Promise<KubeObject | undefined> {
    if (req.method === 'GET') {
      const found = this.objects.get(req.path);
      return found ? Promise.resolve(found) : Promise.reject(new KubeApiError('not found', 404, 'NotFound'));
    }
    if (this.refuseWrites > 0 && req.query?.dryRun !== 'All') {
      this.refuseWrites--;
      return Promise.reject(new KubeApiError(`${req.method} ${req.path}: refused`, 422, 'Invalid'));
    }
    if (req.query?.dryRun === 'All' || (req.body ?? '').includes('"dryRun":["All"]'))
      return Promise.resolve(undefined);
    this.writes.push(`${req.method} ${req.path}`);
    if (req.method === 'DELETE') this.objects.delete(req.path);
    else this.objects.set(req.path, JSON.parse(req.body ?? '{}') as KubeObject);
    return Promise.resolve(this.objects.get(req.path));
  }
}
