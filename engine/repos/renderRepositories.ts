// The repositories the user configured, as renders read them (RenderOptions.repositorySettings):
// the Helm repositories added with `repos.add` (type helm, or an OCI registry), whose names
// `@name` / `alias:name` chart dependencies use, each with the CA trusted for its host and its
// `insecure`; and for any other URL a chart, a dependency or an OCI source comes from, the CA of
// its host (Argo CD's argocd-tls-certs-cm applies per host, configured repository or not).
// Read from repositories.json at each render, so a change applies to the next render at once.
import { ociUrl } from '../oci/reference.ts';
import type { HelmRepositorySettings } from '../render/helm-dependencies-list.ts';
import type { RepositorySettings, RepositoryTls } from '../render/types.ts';
import type { RepoConnections } from './repoConnections.ts';
import type { RepoEntry } from './repoEntry.ts';
import type { RepositoryIndex } from './repositoryIndex.ts';

function hasScheme(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url);
}

function isOci(entry: RepoEntry): boolean {
  return entry.type === 'oci' || entry.enableOCI || /^oci:\/\//i.test(entry.url);
}

export function renderRepositorySettings(
  index: RepositoryIndex,
  connections: RepoConnections,
): RepositorySettings {
  const tlsFor = async (url: string): Promise<RepositoryTls> => {
    // a registry: its host is read from the oci:// form; its entry may be filed with or without it
    const bare = url.replace(/^oci:\/\//i, '');
    const forms = /^oci:\/\//i.test(url) || !hasScheme(url) ? [ociUrl(bare), bare] : [url];
    const found = await Promise.all(forms.map((form) => connections.settingsFor(form)));
    const tlsCaData = found[0]?.settings.tlsCaData;
    return {
      ...(tlsCaData ? { tlsCaData } : {}),
      ...(found.some(({ settings }) => settings.insecure) ? { insecure: true } : {}),
    };
  };
  return {
    async helmRepositories(): Promise<HelmRepositorySettings[]> {
      // a damaged index configures nothing (repos.list reports it), it does not stop renders
      const content = await index.read().catch(() => ({ repositories: [] as RepoEntry[] }));
      const helm = content.repositories.filter(
        (entry) => entry.kind === 'repository' && entry.type !== 'git',
      );
      return Promise.all(
        helm.map(async (entry) => {
          const url = isOci(entry) ? ociUrl(entry.url) : entry.url;
          return { ...(entry.name ? { name: entry.name } : {}), url, ...(await tlsFor(url)) };
        }),
      );
    },
    tlsFor,
  };
}
