// The add-repository form's state and what it sends: only the fields of the chosen way of
// connecting, trimmed, empty ones left out, so a half-filled other method never reaches the
// keychain.
import type { CallInput } from '../../../../engine/api/contract.ts';

type RepoDefinition = CallInput<'repos.add'>['definition'];
type Credentials = NonNullable<RepoDefinition['credentials']>;

export type RepoMethod = 'https' | 'ssh' | 'github-app';

export interface RepoForm {
  kind: 'repository' | 'template';
  type: 'git' | 'helm' | 'oci';
  method: RepoMethod;
  url: string;
  name: string;
  project: string;
  username: string;
  password: string;
  sshPrivateKey: string;
  githubAppId: string;
  githubAppInstallationId: string;
  githubAppPrivateKey: string;
  githubAppEnterpriseBaseUrl: string;
  tlsClientCertData: string;
  tlsClientCertKey: string;
  insecure: boolean;
  enableOCI: boolean;
}

export const emptyRepoForm: RepoForm = {
  kind: 'repository',
  type: 'git',
  method: 'https',
  url: '',
  name: '',
  project: '',
  username: '',
  password: '',
  sshPrivateKey: '',
  githubAppId: '',
  githubAppInstallationId: '',
  githubAppPrivateKey: '',
  githubAppEnterpriseBaseUrl: '',
  tlsClientCertData: '',
  tlsClientCertKey: '',
  insecure: false,
  enableOCI: false,
};

/** Only git repositories connect over ssh or as a GitHub App. */
export function methodOf(form: RepoForm): RepoMethod {
  return form.type === 'git' ? form.method : 'https';
}

const filled = (value: string) => (value.trim() ? value.trim() : undefined);
/** Keys keep their final line break: ssh refuses a key file without it. */
const keyText = (value: string) => (value.trim() ? `${value.trim()}\n` : undefined);

export function repoDefinition(form: RepoForm): RepoDefinition {
  const method = methodOf(form);
  const credentials: Credentials = {};
  if (method === 'https') {
    credentials.username = filled(form.username);
    credentials.password = form.password || undefined;
    credentials.tlsClientCertData = keyText(form.tlsClientCertData);
    credentials.tlsClientCertKey = keyText(form.tlsClientCertKey);
  }
  if (method === 'ssh') credentials.sshPrivateKey = keyText(form.sshPrivateKey);
  if (method === 'github-app') {
    credentials.githubAppId = filled(form.githubAppId);
    credentials.githubAppInstallationId = filled(form.githubAppInstallationId);
    credentials.githubAppPrivateKey = keyText(form.githubAppPrivateKey);
    credentials.githubAppEnterpriseBaseUrl = filled(form.githubAppEnterpriseBaseUrl);
  }
  for (const key of Object.keys(credentials) as Array<keyof typeof credentials>) {
    if (credentials[key] === undefined) delete credentials[key];
  }
  return {
    kind: form.kind,
    url: form.url.trim(),
    type: form.type,
    name: filled(form.name),
    project: filled(form.project),
    insecure: form.insecure,
    enableOCI: form.type === 'helm' && form.enableOCI,
    credentials,
  };
}

/** The form once the keychain has its secrets: every secret field emptied, the rest kept. */
export function withoutSecrets(form: RepoForm): RepoForm {
  return {
    ...form,
    password: '',
    sshPrivateKey: '',
    githubAppPrivateKey: '',
    tlsClientCertData: '',
    tlsClientCertKey: '',
  };
}
