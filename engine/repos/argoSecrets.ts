// Argo CD's repository Secrets, read from YAML (a file, or what a cluster's argocd namespace
// holds): `argocd.argoproj.io/secret-type: repository` (one repository) and `repo-creds` (a
// credential template for every URL under its `url`), with their `data` (base64) and
// `stringData` keys as Argo CD reads them. Each becomes what `repos.add` takes; anything else
// (another secret type, no url, a field of the wrong shape) is skipped with the reason, naming
// the Secret and never quoting a value.
import { parseYamlValues } from '../yaml/index.ts';
import type { RepoCredentials } from '../secrets/repoCredentials.ts';
import type { RepoType } from './repoEntry.ts';

export const SECRET_TYPE_LABEL = 'argocd.argoproj.io/secret-type';
/** An import file larger than this is refused before it is parsed. */
export const MAX_IMPORT_BYTES = 4 * 1024 * 1024;

export interface RepoDefinition {
  kind: 'repository' | 'template';
  url: string;
  type: RepoType;
  name?: string;
  project?: string;
  insecure: boolean;
  enableOCI: boolean;
  proxy?: string;
  noProxy?: string;
  credentials: RepoCredentials;
}

export interface ImportedSecret {
  /** `namespace/name` of the Secret. */
  secret: string;
  definition: RepoDefinition;
}

export interface SkippedSecret {
  secret: string;
  reason: string;
}

export interface ParsedArgoSecrets {
  repositories: ImportedSecret[];
  skipped: SkippedSecret[];
}

const TEXT_FIELDS = ['url', 'type', 'name', 'project', 'proxy', 'noProxy', 'insecure', 'enableOCI'] as const;
const CREDENTIAL_FIELDS = [
  'username',
  'password',
  'sshPrivateKey',
  'githubAppID',
  'githubAppInstallationID',
  'githubAppPrivateKey',
  'githubAppEnterpriseBaseUrl',
  'tlsClientCertData',
  'tlsClientCertKey',
] as const;

/** The repository Secrets of a YAML text (documents, or `kind: List`). */
export function parseArgoRepoSecrets(text: string, source: string): ParsedArgoSecrets {
  if (Buffer.byteLength(text) > MAX_IMPORT_BYTES)
    throw new Error(
      `${source}: ${Buffer.byteLength(text)} bytes, over the import limit of ${MAX_IMPORT_BYTES}`,
    );
  let values: unknown[];
  try {
    values = parseYamlValues(text, { source }).values;
  } catch (error) {
    // A YAML error may quote the text around it, and the text holds secrets: no cause attached.
    const line = /line (\d+)/i.exec((error as Error).message)?.[1];
    // eslint-disable-next-line preserve-caught-error
    throw new Error(`${source}: not valid YAML${line ? ` (line ${line})` : ''}`);
  }
  return secretsOf(values.flatMap(listItems));
}

/** The repository Secrets among Secret objects (as a cluster lists them). */
export function secretsOf(objects: readonly unknown[]): ParsedArgoSecrets {
  const result: ParsedArgoSecrets = { repositories: [], skipped: [] };
  objects.forEach((object, index) => {
    if (!isRecord(object) || object.kind !== 'Secret') return;
    const metadata = isRecord(object.metadata) ? object.metadata : {};
    const secret = `${text(metadata.namespace) ?? 'default'}/${text(metadata.name) ?? `#${index + 1}`}`;
    const labels = isRecord(metadata.labels) ? metadata.labels : {};
    const type = labels[SECRET_TYPE_LABEL];
    if (type !== 'repository' && type !== 'repo-creds') {
      result.skipped.push({
        secret,
        reason:
          typeof type === 'string'
            ? `secret-type ${JSON.stringify(type.slice(0, 40))} is not repository or repo-creds`
            : `no ${SECRET_TYPE_LABEL} label`,
      });
      return;
    }
    try {
      result.repositories.push({ secret, definition: definitionOf(object, type) });
    } catch (error) {
      result.skipped.push({ secret, reason: (error as Error).message });
    }
  });
  return result;
}

function definitionOf(object: Record<string, unknown>, secretType: string): RepoDefinition {
  const fields = secretFields(object);
  const url = fields.url?.trim();
  if (!url) throw new Error('no url');
  const typeText = fields.type?.trim() || 'git';
  if (typeText !== 'git' && typeText !== 'helm' && typeText !== 'oci')
    throw new Error(`type ${JSON.stringify(typeText.slice(0, 20))} is not git, helm or oci`);
  const credentials: RepoCredentials = {};
  for (const field of CREDENTIAL_FIELDS) {
    const value = fields[field];
    if (value === undefined || value === '') continue;
    if (field === 'githubAppID') credentials.githubAppId = digits(value, field);
    else if (field === 'githubAppInstallationID') credentials.githubAppInstallationId = digits(value, field);
    else credentials[field] = value;
  }
  return {
    kind: secretType === 'repo-creds' ? 'template' : 'repository',
    url,
    type: typeText,
    ...(fields.name ? { name: fields.name } : {}),
    ...(fields.project ? { project: fields.project } : {}),
    insecure: fields.insecure === 'true',
    enableOCI: fields.enableOCI === 'true' || typeText === 'oci',
    ...(fields.proxy ? { proxy: fields.proxy } : {}),
    ...(fields.noProxy ? { noProxy: fields.noProxy } : {}),
    credentials,
  };
}

// `stringData` over `data`, as the API server merges them on write.
function secretFields(object: Record<string, unknown>): Partial<Record<string, string>> {
  const fields: Partial<Record<string, string>> = {};
  const known = new Set<string>([...TEXT_FIELDS, ...CREDENTIAL_FIELDS]);
  if (isRecord(object.data))
    for (const [key, value] of Object.entries(object.data)) {
      if (!known.has(key)) continue;
      if (typeof value !== 'string' || !/^[A-Za-z0-9+/=\s]*$/.test(value))
        throw new Error(`data.${key} is not base64`);
      fields[key] = Buffer.from(value, 'base64').toString('utf8');
    }
  if (isRecord(object.stringData))
    for (const [key, value] of Object.entries(object.stringData)) {
      if (!known.has(key)) continue;
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
        throw new Error(`stringData.${key} is not text`);
      fields[key] = String(value);
    }
  return fields;
}

function digits(value: string, field: string): string {
  const trimmed = value.trim();
  if (!/^\d{1,20}$/.test(trimmed)) throw new Error(`${field} is not a number`);
  return trimmed;
}

function listItems(value: unknown): unknown[] {
  if (isRecord(value) && value.kind === 'List' && Array.isArray(value.items)) return value.items;
  return [value];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value.slice(0, 253) : undefined;
}
