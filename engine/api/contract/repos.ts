// The repositories area of the contract: repositories and credential templates the user
// configured (Argo CD's `repository` and `repo-creds` Secrets), trying one, importing Argo CD's
// Secrets, and the trust settings of ssh (known hosts) and https (CA certificates per host).
// Credentials go in (add, import) and never come out: the list says which kinds are stored.
import { z } from 'zod';
import { repoEntrySchema, repoTypes } from '../../repos/repoEntry.ts';

const url = z.string().min(1).max(2048);
const kind = z.enum(['repository', 'template']);
const repoType = z.enum(repoTypes);

/** What the keychain is given for a repository or template; every field optional. */
export const repoCredentialsInputSchema = z
  .object({
    username: z.string().max(1024).optional(),
    /** Password or access token. */
    password: z.string().max(16_384).optional(),
    sshPrivateKey: z.string().max(65_536).optional(),
    githubAppId: z.string().max(20).optional(),
    githubAppInstallationId: z.string().max(20).optional(),
    githubAppPrivateKey: z.string().max(65_536).optional(),
    /** GitHub Enterprise API, `https://<host>/api/v3`. */
    githubAppEnterpriseBaseUrl: z.string().max(2048).optional(),
    tlsClientCertData: z.string().max(65_536).optional(),
    tlsClientCertKey: z.string().max(65_536).optional(),
  })
  .strict();

export const repoDefinitionSchema = z
  .object({
    /** `repository` (default): this URL; `template`: every URL starting with it. */
    kind: kind.default('repository'),
    url,
    type: repoType.default('git'),
    name: z.string().max(253).optional(),
    project: z.string().max(253).optional(),
    /** https: skip certificate checks; ssh: skip host key checks. */
    insecure: z.boolean().default(false),
    /** A Helm repository that is an OCI registry. */
    enableOCI: z.boolean().default(false),
    proxy: z.string().max(2048).optional(),
    noProxy: z.string().max(2048).optional(),
    credentials: repoCredentialsInputSchema.default({}),
  })
  .strict();

/** One repository or template as listed: no secret, only which kinds of credential are stored. */
export const repoEntrySummarySchema = repoEntrySchema;

export const reposViewSchema = z.object({
  repositories: z.array(repoEntrySummarySchema),
  /** Hosts whose https certificates are checked against the user's CAs. */
  tlsCertificates: z.array(z.object({ host: z.string(), certificates: z.number() })),
  /** The user's ssh known hosts; ssh refuses any other host key. */
  knownHosts: z.array(z.object({ hosts: z.string(), keyType: z.string(), fingerprint: z.string() })),
});
export type ReposView = z.infer<typeof reposViewSchema>;

export const repoTestResultSchema = z.object({
  ok: z.boolean(),
  /** What failed, for the UI to act on; null when it worked. */
  problem: z.enum(['host-key', 'tls', 'auth', 'not-found', 'timeout', 'unreachable', 'other']).nullable(),
  message: z.string(),
});

const importResult = z.object({
  imported: z.array(z.object({ secret: z.string(), url: z.string(), kind })),
  skipped: z.array(z.object({ secret: z.string(), reason: z.string() })),
});

export const repoCalls = {
  'repos.list': { input: z.object({}).strict(), output: reposViewSchema },
  /** Adds a repository or template; refused when it exists, unless `upsert`. Applications of it are refreshed. */
  'repos.add': {
    input: z.object({ definition: repoDefinitionSchema, upsert: z.boolean().optional() }).strict(),
    output: z.object({ repository: repoEntrySummarySchema }),
  },
  'repos.remove': {
    input: z.object({ url, kind: kind.default('repository') }).strict(),
    output: z.object({ removed: z.boolean() }),
  },
  /** Tries a repository with what is stored for it (git ls-remote, Helm index.yaml, OCI /v2/). */
  'repos.test': { input: z.object({ url }).strict(), output: repoTestResultSchema },
  /**
   * Imports Argo CD repository Secrets (secret-type repository or repo-creds): from YAML text,
   * or from a cluster's namespace (`argocd` unless given). Existing entries are replaced.
   */
  'repos.import': {
    input: z.union([
      z.object({ yaml: z.string().min(1), source: z.string().max(253).optional() }).strict(),
      z.object({ cluster: z.string().min(1).max(253), namespace: z.string().max(63).optional() }).strict(),
    ]),
    output: importResult,
  },
  /** Adds ssh known hosts lines (ssh-keyscan output); returns how many were new. */
  'repos.addKnownHosts': {
    input: z.object({ text: z.string().min(1).max(1_048_576) }).strict(),
    output: z.object({ added: z.number() }),
  },
  'repos.removeKnownHosts': {
    input: z.object({ host: z.string().min(1).max(253) }).strict(),
    output: z.object({ removed: z.number() }),
  },
  /** Trusts PEM CA certificates for a host's https (null removes them). */
  'repos.setCertificates': {
    input: z.object({ host: z.string().min(1).max(260), pem: z.string().max(1_048_576).nullable() }).strict(),
    output: z.object({}),
  },
} as const;

export const repoEvents = {
  /** The repositories, known hosts or certificates changed: the whole view, as repos.list gives it. */
  'repos.changed': reposViewSchema,
} as const;
