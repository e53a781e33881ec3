// Lists then watches one resource in one scope (the whole cluster or one namespace), as
// client-go's reflector does: paged list, watch from the list's resourceVersion with bookmarks,
// resume from the last seen resourceVersion when a watch ends, re-list on 410 Gone, and back
// off (capped, with jitter) while the server fails.
import { createInterface } from 'node:readline';
import type { KubeObject } from '../diff/index.ts';
import { KubeApiError } from './apiError.ts';
import { Backoff, type BackoffOptions } from './backoff.ts';
import type { ClusterConnection, ConnectionRequest } from './clusterConnection.ts';
import { describeResource, type ApiResource } from './discovery.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** Where a watcher delivers what it learns; `succeeded`/`failed` feed the connection state. */
export interface WatchSink {
  relisted(objects: KubeObject[]): void;
  changed(type: WatchEventType, obj: KubeObject): void;
  succeeded(): void;
  failed(error: unknown): void;
}

export interface WatcherOptions {
  backoff: BackoffOptions;
  pageSize: number;
  /** The server ends each watch after this long (randomised up to twice that); it is then resumed. */
  watchTimeoutSeconds: number;
}

interface ListPage {
  metadata?: { resourceVersion?: string; continue?: string };
  items?: KubeObject[];
}

interface WatchEvent {
  type: WatchEventType | 'BOOKMARK' | 'ERROR';
  object: KubeObject & { code?: number; reason?: string; message?: string };
}

const isGone = (error: unknown): boolean => error instanceof KubeApiError && error.status === 410;

export class ResourceWatcher {
  private resourceVersion: string | null = null;
  private readonly abort = new AbortController();
  private readonly backoff: Backoff;
  private closed = false;

  constructor(
    private readonly connection: ClusterConnection,
    private readonly resource: ApiResource,
    /** undefined: cluster-wide. */
    private readonly namespace: string | undefined,
    private readonly sink: WatchSink,
    private readonly options: WatcherOptions,
  ) {
    this.backoff = new Backoff(options.backoff);
    void this.run();
  }

  close(): void {
    this.closed = true;
    this.abort.abort();
    this.backoff.wake();
  }

  /** Cuts a backoff wait short (the cluster answers again). */
  wake(): void {
    this.backoff.wake();
  }

  private describe(verb: 'list' | 'watch'): string {
    const scope = this.namespace === undefined ? 'cluster-wide' : `in namespace ${this.namespace}`;
    return `${verb} ${describeResource(this.resource)} ${scope}`;
  }

  private request(verb: 'list' | 'watch', query: ConnectionRequest['query']): ConnectionRequest {
    const path = this.connection.resourcePath(this.resource, this.namespace);
    return { verb, method: 'GET', path, query, what: this.describe(verb), signal: this.abort.signal };
  }

  private async run(): Promise<void> {
    while (!this.closed) {
      try {
        if (this.resourceVersion === null) {
          this.resourceVersion = await this.list();
          this.backoff.reset();
          this.sink.succeeded();
        }
        const started = Date.now();
        await this.watch();
        // A watch the server ends at once must not turn into a busy loop of requests.
        if (Date.now() - started < 1_000) await this.backoff.wait();
      } catch (error) {
        if (this.closed) return;
        if (isGone(error)) {
          this.resourceVersion = null; // too old to resume from: list again
          continue;
        }
        this.sink.failed(error);
        await this.backoff.wait();
      }
    }
  }

  private async list(): Promise<string> {
    const { group, version, kind } = this.resource;
    const apiVersion = group === '' ? version : `${group}/${version}`;
    const objects: KubeObject[] = [];
    let token: string | undefined;
    let resourceVersion: string;
    do {
      const page = await this.connection.requestJson<ListPage>(
        this.request('list', { limit: this.options.pageSize, continue: token }),
      );
      // Items of a list response carry no apiVersion/kind of their own.
      for (const item of page.items ?? []) objects.push({ apiVersion, kind, ...item });
      token = page.metadata?.continue || undefined;
      resourceVersion = page.metadata?.resourceVersion ?? '';
    } while (token);
    this.sink.relisted(objects);
    return resourceVersion;
  }

  private async watch(): Promise<void> {
    const timeoutSeconds = Math.round(this.options.watchTimeoutSeconds * (1 + Math.random()));
    const stream = await this.connection.openStream({
      ...this.request('watch', {
        watch: true,
        resourceVersion: this.resourceVersion ?? undefined,
        allowWatchBookmarks: true,
        timeoutSeconds,
      }),
      idleTimeoutMs: (timeoutSeconds + 60) * 1_000,
    });
    this.backoff.reset();
    this.sink.succeeded();
    await new Promise<void>((resolve, reject) => {
      const lines = createInterface({ input: stream });
      lines.on('line', (line) => {
        try {
          this.onEvent(JSON.parse(line) as WatchEvent);
        } catch (error) {
          stream.destroy();
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      lines.on('close', resolve);
      // A dropped stream is resumed like an ended one; if the server is gone, that fails.
      // (readline re-emits the stream's errors: both need a listener.)
      stream.on('error', () => resolve());
      lines.on('error', () => resolve());
    });
  }

  private onEvent(event: WatchEvent): void {
    if (event.type === 'ERROR') {
      const { code = 500, reason = 'Error', message = '' } = event.object;
      throw new KubeApiError(
        `${this.describe('watch')} on ${this.connection.context}: ${code} ${reason}: ${message}`,
        code,
        reason,
      );
    }
    const rv = (event.object.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
    if (rv) this.resourceVersion = rv;
    if (event.type !== 'BOOKMARK') this.sink.changed(event.type, event.object);
  }
}
