// Exec plugin credentials cached per cluster until shortly before they expire, so a plugin runs
// once per token lifetime rather than once per request; concurrent requests share one run.
import type { ExecConfig } from './clusterCredentials.ts';
import type { ExecCredential } from './execCredential.ts';
import { runExecPlugin, type ExecPluginOptions } from './execPlugin.ts';

/** Renew this long before expiry, so a request never leaves with a token about to lapse. */
const RENEW_BEFORE_MS = 30_000;

type RunPlugin = (config: ExecConfig, options: ExecPluginOptions) => Promise<ExecCredential>;

export interface ExecCacheOptions extends Omit<ExecPluginOptions, 'onStderr'> {
  /** A plugin's stderr as it arrives, by cluster: where a device-code login shows its prompt. */
  onStderr?: (cluster: string, text: string) => void;
}

interface Entry {
  configKey: string;
  credential: Promise<ExecCredential>;
}

export type PluginOutputListener = (cluster: string, text: string) => void;

export class ExecCredentialCache {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<PluginOutputListener>();

  constructor(
    private readonly options: ExecCacheOptions = {},
    private readonly run: RunPlugin = runExecPlugin,
    private readonly now: () => number = Date.now,
  ) {}

  /** The credential for `cluster`, running the plugin when none is cached or it (nearly) expired. */
  async credentialFor(cluster: string, config: ExecConfig): Promise<ExecCredential> {
    const configKey = JSON.stringify(config);
    const cached = this.entries.get(cluster);
    if (cached && cached.configKey === configKey) {
      const credential = await cached.credential.catch(() => null);
      if (credential && !this.expiring(credential)) return credential;
      if (this.entries.get(cluster) !== cached) return this.credentialFor(cluster, config);
    }
    const { onStderr, ...pluginOptions } = this.options;
    const credential = this.run(config, {
      ...pluginOptions,
      onStderr: (text) => {
        onStderr?.(cluster, text);
        for (const listener of this.listeners) listener(cluster, text);
      },
    });
    const entry: Entry = { configKey, credential };
    this.entries.set(cluster, entry);
    // A failed run is not cached: the next request tries again.
    entry.credential.catch(() => {
      if (this.entries.get(cluster) === entry) this.entries.delete(cluster);
    });
    return entry.credential;
  }

  /** Hears what every plugin prints on stderr, by cluster, until the returned function is called. */
  listen(listener: PluginOutputListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Forgets the cluster's credential, e.g. after the server refused it. */
  invalidate(cluster: string): void {
    this.entries.delete(cluster);
  }

  private expiring(credential: ExecCredential): boolean {
    return (
      credential.expiresAt !== undefined && credential.expiresAt.getTime() - RENEW_BEFORE_MS <= this.now()
    );
  }
}

/** The process's cache: every connection to a cluster shares its plugin's credential. */
export const sharedExecCredentialCache = new ExecCredentialCache();
