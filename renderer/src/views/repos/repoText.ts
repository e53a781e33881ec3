// Plain words for what is stored for a repository, and for what a test found.
import type { ReposView } from '../../../../engine/api/contract.ts';

type RepoEntry = ReposView['repositories'][number];

/** What the keychain holds for an entry, without any of it: "user ci, password". */
export function storedCredentials(entry: RepoEntry): string {
  const parts = [
    entry.username && `user ${entry.username}`,
    entry.hasPassword && 'password',
    entry.hasSshPrivateKey && 'ssh key',
    entry.githubAppId && `GitHub App ${entry.githubAppId}`,
    entry.hasTlsClientCert && 'client certificate',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

const problems: Record<string, string> = {
  'host-key': 'Host key not trusted',
  tls: 'Certificate not trusted',
  auth: 'Authentication failed',
  'not-found': 'Not found',
  timeout: 'Timed out',
  unreachable: 'Unreachable',
  other: 'Failed',
};

export function testHeadline(problem: string | null): string {
  return problem === null ? 'Connected' : (problems[problem] ?? 'Failed');
}
