// What an operation on a repository is done with, from what the user configured: the stored
// credentials (the repository's own, else a template's), a GitHub App turned into an
// installation token, and the settings of the index (insecure, proxy, the CA trusted for the
// host, the user's known hosts). The repository cache and `repos.test` both ask here.
import type { GitConnection, GitConnectionSettings } from '../git/gitSession.ts';
import { credentialUrlKey, findRepoCredentials, type RepoCredentials } from '../secrets/repoCredentials.ts';
import type { SecretStore } from '../secrets/secretStore.ts';
import { GithubAppTokens } from './githubApp.ts';
import type { RepoEntry } from './repoEntry.ts';
import { entryFor, type RepositoryIndex, type TlsCertificate } from './repositoryIndex.ts';

export interface RepoConnection extends GitConnection {
  /** The index entry that configures the URL (its own, or the template it falls under). */
  entry: RepoEntry | undefined;
}

export class RepoConnections {
  constructor(
    private readonly index: RepositoryIndex,
    private readonly secrets: SecretStore,
    private readonly tokens = new GithubAppTokens(),
  ) {}

  async connectionFor(url: string): Promise<RepoConnection> {
    const { entry, settings, tlsCertificates } = await this.settingsFor(url);
    const stored = await findRepoCredentials(this.secrets, url);
    return { entry, settings, credentials: await this.usable(stored, tlsCertificates, settings) };
  }

  /** What the index configures for the URL (CA of its host, insecure, proxy), without the keychain. */
  async settingsFor(
    url: string,
  ): Promise<Omit<RepoConnection, 'credentials'> & { tlsCertificates: TlsCertificate[] }> {
    // A damaged index must not stop every repository: it then configures nothing.
    const content = await this.index.read().catch(() => ({ repositories: [], tlsCertificates: [] }));
    const entry = entryFor(content.repositories, credentialUrlKey(url));
    const own = content.repositories.find((item) => item.kind === 'repository' && item.key === entry?.key);
    const settings: GitConnectionSettings = {
      knownHostsFile: await this.index.knownHostsFile(),
      ...(own?.insecure ? { insecure: true } : {}),
      ...optional('tlsCaData', caFor(content.tlsCertificates, url)),
      ...optional('proxy', entry?.proxy),
      ...optional('noProxy', entry?.noProxy),
    };
    return { entry, settings, tlsCertificates: content.tlsCertificates };
  }

  // A GitHub App becomes the `x-access-token` user with an installation token.
  private async usable(
    stored: RepoCredentials | null,
    certificates: readonly TlsCertificate[],
    settings: GitConnectionSettings,
  ): Promise<RepoCredentials | null> {
    if (!stored?.githubAppId || !stored.githubAppInstallationId || !stored.githubAppPrivateKey) return stored;
    const api = stored.githubAppEnterpriseBaseUrl;
    const token = await this.tokens.token(
      {
        appId: stored.githubAppId,
        installationId: stored.githubAppInstallationId,
        privateKey: stored.githubAppPrivateKey,
        ...optional('enterpriseBaseUrl', api),
      },
      { ...optional('ca', api ? caFor(certificates, api) : undefined), insecure: settings.insecure ?? false },
    );
    const { tlsClientCertData, tlsClientCertKey } = stored;
    return {
      username: 'x-access-token',
      password: token,
      ...optional('tlsClientCertData', tlsClientCertData),
      ...optional('tlsClientCertKey', tlsClientCertKey),
    };
  }
}

/** The CA certificates the user trusts for the URL's host (`host` or `host:port`). */
export function caFor(certificates: readonly TlsCertificate[], url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const found = certificates.filter(
    (certificate) =>
      certificate.host.toLowerCase() === parsed.hostname.toLowerCase() ||
      certificate.host.toLowerCase() === parsed.host.toLowerCase(),
  );
  return found.length > 0 ? found.map((certificate) => certificate.pem).join('\n') : undefined;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined || value === '' ? {} : { [key]: value }) as { [P in K]?: V };
}
