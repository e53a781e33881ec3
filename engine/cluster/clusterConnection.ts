// One connection to one cluster (a kubeconfig context): authenticated, counted requests,
// the server version, and discovery of the resources it serves. Nothing is contacted until a
// method needs it, so a desktop with many contexts starts without touching any cluster.
import type { IncomingMessage } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';
import { discoverApiResources, indexByType, type ApiResource } from './discovery.ts';
import { openKubeStream, sendKubeRequest, type KubeRequest, type KubeResponse } from './kubeHttp.ts';
import { typeKeyOf } from './resourceTypes.ts';

export type RequestVerb = 'discovery' | 'get' | 'list' | 'watch' | 'patch';

export type ConnectionRequest = Omit<KubeRequest, 'idleTimeoutMs' | 'what'> & {
  verb: RequestVerb;
  /** What is being done, for errors; `on <context>` is appended. */
  what: string;
  idleTimeoutMs?: number;
};

export interface ServerVersion {
  gitVersion: string;
  major: string;
  minor: string;
  platform?: string;
}

export interface ClusterConnectionOptions {
  /** Rediscover at most this often when a kind is unknown (a CRD may have just been created). */
  rediscoverIntervalMs?: number;
}

const REQUEST_TIMEOUT_MS = 30_000;
const VERSION_TTL_MS = 60_000;

export class ClusterConnection {
  private discovered: Promise<Map<string, ApiResource>> | null = null;
  private discoveredAt = 0;
  private version: { at: number; answer: Promise<ServerVersion> } | null = null;
  private readonly counts = new Map<RequestVerb, number>();
  private readonly rediscoverIntervalMs: number;

  constructor(
    readonly context: string,
    readonly kubeConfig: KubeConfig,
    options: ClusterConnectionOptions = {},
  ) {
    this.rediscoverIntervalMs = options.rediscoverIntervalMs ?? 5_000;
  }

  /** The context's namespace, else `default`: where kubectl puts a namespaced object without one. */
  get defaultNamespace(): string {
    return this.kubeConfig.getContextObject(this.context)?.namespace ?? 'default';
  }

  private prepare(req: ConnectionRequest): KubeRequest {
    this.counts.set(req.verb, (this.counts.get(req.verb) ?? 0) + 1);
    return {
      ...req,
      what: `${req.what} on ${this.context}`,
      idleTimeoutMs: req.idleTimeoutMs ?? REQUEST_TIMEOUT_MS,
    };
  }

  request(req: ConnectionRequest): Promise<KubeResponse> {
    return sendKubeRequest(this.kubeConfig, this.prepare(req));
  }

  async requestJson<T>(req: ConnectionRequest): Promise<T> {
    const res = await this.request(req);
    return JSON.parse(res.body) as T;
  }

  /** A streaming request (a watch): the open response, or a KubeApiError. */
  openStream(req: ConnectionRequest): Promise<IncomingMessage> {
    return openKubeStream(this.kubeConfig, this.prepare(req));
  }

  /** Requests sent so far, by verb: how the cost of a cache is measured. */
  requestCounts(): { total: number; byVerb: Partial<Record<RequestVerb, number>> } {
    const byVerb = Object.fromEntries(this.counts) as Partial<Record<RequestVerb, number>>;
    return { total: [...this.counts.values()].reduce((a, b) => a + b, 0), byVerb };
  }

  /**
   * The server's version, asked at most once a minute: every render of every application wants
   * it (helm's --kube-version), and asking each time made steady state cost requests per
   * application. A failed answer is not kept.
   */
  serverVersion(): Promise<ServerVersion> {
    if (this.version && Date.now() - this.version.at < VERSION_TTL_MS) return this.version.answer;
    const answer = this.requestJson<ServerVersion>({
      verb: 'get',
      method: 'GET',
      path: '/version',
      what: 'read the server version',
    });
    const entry = { at: Date.now(), answer };
    answer.catch(() => {
      if (this.version === entry) this.version = null;
    });
    this.version = entry;
    return answer;
  }

  /** Every served resource at its preferred version, discovered once and then cached. */
  apiResources(): Promise<ApiResource[]> {
    return this.discovery().then((index) => [...index.values()]);
  }

  /** The resource serving group/kind; an unknown kind triggers a (rate-limited) rediscovery. */
  async resourceFor(group: string, kind: string): Promise<ApiResource | undefined> {
    const key = typeKeyOf({ group, kind });
    const known = (await this.discovery()).get(key);
    if (known) return known;
    return (await this.refreshDiscovery())?.get(key);
  }

  async isNamespaced(group: string, kind: string): Promise<boolean | undefined> {
    return (await this.resourceFor(group, kind))?.namespaced;
  }

  /** Rediscovers unless that happened within the rate limit; undefined when it did not run. */
  async refreshDiscovery(): Promise<Map<string, ApiResource> | undefined> {
    if (Date.now() - this.discoveredAt < this.rediscoverIntervalMs) return undefined;
    this.discovered = null;
    return this.discovery();
  }

  /** `/apis/apps/v1/namespaces/default/deployments/web`; namespace and name are optional. */
  resourcePath(resource: ApiResource, namespace?: string, name?: string): string {
    const base =
      resource.group === '' ? `/api/${resource.version}` : `/apis/${resource.group}/${resource.version}`;
    const scope = resource.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
    return `${base}${scope}/${resource.plural}${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;
  }

  private discovery(): Promise<Map<string, ApiResource>> {
    if (!this.discovered) {
      this.discoveredAt = Date.now();
      const fetch = (path: string, accept: string): Promise<unknown> =>
        this.requestJson({ verb: 'discovery', method: 'GET', path, accept, what: `discover ${path}` });
      const pending = discoverApiResources(fetch).then(indexByType);
      // A failed discovery is not cached: the next call tries again.
      pending.catch(() => {
        if (this.discovered === pending) this.discovered = null;
      });
      this.discovered = pending;
    }
    return this.discovered;
  }
}
