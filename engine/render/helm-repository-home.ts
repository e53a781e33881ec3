// A private helm home for one pull or one dependency build: helm's config, cache, data and
// registry homes in a fresh folder only this user can read, with a repositories.yaml naming the
// Helm repositories the work needs and their credentials (Argo CD runs `helm repo add` per
// repository; Plumbline writes the same entries, so no password is ever on a command line), CA
// and client-certificate files beside it, and a registry config.json for OCI dependencies. The
// folder goes, with every credential in it, when the work is done.
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { rememberLogin, rememberSecret } from '../git/scrub.ts';
import { findRepoCredentials, type RepoCredentials } from '../secrets/repoCredentials.ts';
import type { SecretStore } from '../secrets/secretStore.ts';
import type { HelmRepositorySettings } from './helm-dependencies-list.ts';
import type { RepositoryTls } from './types.ts';

export interface HelmRepositoryAccess {
  /** The name in repositories.yaml (`helm pull <name>/<chart>`, `@name` dependencies). */
  name: string;
  /** The repository URL, without credentials. */
  url: string;
  oci: boolean;
  credentials: RepoCredentials | null;
  tlsCaData?: string;
  insecure?: boolean;
  /** helm's --pass-credentials: credentials also go to chart URLs on other hosts. */
  passCredentials: boolean;
}

export interface HelmHome {
  /** HELM_* variables for runTool. */
  env: Record<string, string>;
  /** Where helm reads a repository's index from (`<cache>/<name>-index.yaml`). */
  indexFile(name: string): string;
  /** Removes the home with every credential file in it. */
  dispose(): Promise<void>;
}

async function writePrivate(path: string, content: string): Promise<void> {
  await writeFile(path, content, { mode: 0o600 });
}

/** A URL without its userinfo, and the userinfo as a login. */
export function splitUrlCredentials(url: string): { url: string; username?: string; password?: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url };
  }
  if (!parsed.username && !parsed.password) return { url };
  const username = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  parsed.username = '';
  parsed.password = '';
  rememberLogin({ username, password });
  return { url: parsed.href.replace(/\/$/, url.endsWith('/') ? '/' : ''), username, password };
}

/**
 * How helm reaches one repository: its URL without userinfo, the credentials (those written in
 * the URL, else the keychain's: the repository's own entry or a credential template), and what
 * the user set on it (CA, insecure), else the CA trusted for its host.
 */
export async function repositoryAccess(
  repository: { name: string; url: string; oci: boolean },
  context: {
    secrets?: SecretStore;
    settings?: HelmRepositorySettings;
    /** The CA of the URL's host and its `insecure`, for a repository `settings` does not cover. */
    tlsFor?: (url: string) => Promise<RepositoryTls>;
    passCredentials: boolean;
  },
): Promise<HelmRepositoryAccess> {
  const { url, username, password } = splitUrlCredentials(repository.url);
  const stored = context.secrets ? await findRepoCredentials(context.secrets, url) : null;
  const credentials = username || password ? { ...stored, username, password } : stored;
  const host = context.tlsFor ? await context.tlsFor(url) : {};
  return {
    name: repository.name,
    url,
    oci: repository.oci,
    credentials,
    tlsCaData: context.settings?.tlsCaData ?? host.tlsCaData,
    insecure: context.settings?.insecure ?? host.insecure,
    passCredentials: context.passCredentials,
  };
}

function registryHost(url: string): string {
  return url.replace(/^oci:\/\//i, '').split('/')[0] ?? '';
}

export async function openHelmHome(parent: string, repositories: HelmRepositoryAccess[]): Promise<HelmHome> {
  await mkdir(parent, { recursive: true });
  const dir = await mkdtemp(join(parent, 'helm-home-'));
  try {
    await chmod(dir, 0o700);
    const [config, cache, data, files] = ['config', 'cache', 'data', 'files'].map((name) =>
      join(dir, name),
    ) as [string, string, string, string];
    const repositoryCache = join(cache, 'repository');
    for (const folder of [config, repositoryCache, data, files])
      await mkdir(folder, { recursive: true, mode: 0o700 });
    const entries = [];
    const auths: Record<string, { auth: string }> = {};
    for (const [index, repository] of repositories.entries()) {
      const { credentials } = repository;
      const file = async (suffix: string, content: string | undefined) => {
        if (!content) return '';
        const path = join(files, `${index}-${suffix}.pem`);
        await writePrivate(path, content);
        return path;
      };
      if (credentials?.password) rememberLogin(credentials);
      rememberSecret(credentials?.tlsClientCertKey);
      const entry = {
        name: repository.name,
        url: repository.url,
        username: credentials?.username ?? '',
        password: credentials?.password ?? '',
        caFile: await file('ca', repository.tlsCaData),
        certFile: await file('cert', credentials?.tlsClientCertData),
        keyFile: await file('key', credentials?.tlsClientCertKey),
        insecure_skip_tls_verify: repository.insecure ?? false,
        pass_credentials_all: repository.passCredentials,
      };
      if (repository.oci) {
        if (credentials?.username && credentials.password) {
          const login = `${credentials.username}:${credentials.password}`;
          auths[registryHost(repository.url)] = { auth: Buffer.from(login).toString('base64') };
        }
      } else entries.push(entry);
    }
    // JSON is YAML: helm reads repositories.yaml with a YAML parser that accepts it
    const repositoriesFile = join(config, 'repositories.yaml');
    await writePrivate(repositoriesFile, JSON.stringify({ apiVersion: '', repositories: entries }));
    const registryConfig = join(config, 'registry', 'config.json');
    await mkdir(join(config, 'registry'), { recursive: true, mode: 0o700 });
    await writePrivate(registryConfig, JSON.stringify({ auths }));
    return {
      env: {
        HELM_CACHE_HOME: cache,
        HELM_CONFIG_HOME: config,
        HELM_DATA_HOME: data,
        HELM_REPOSITORY_CONFIG: repositoriesFile,
        HELM_REPOSITORY_CACHE: repositoryCache,
        HELM_REGISTRY_CONFIG: registryConfig,
        HELM_CONTENT_CACHE: join(cache, 'content'),
        HELM_PLUGINS: join(data, 'plugins'),
      },
      indexFile: (name) => join(repositoryCache, `${name}-index.yaml`),
      dispose: () => rm(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
