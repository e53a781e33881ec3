// One configured repository or credential template as the index keeps it and the contract lists
// it: what it is and which kinds of credential the keychain holds for it, never their values.
// Only zod here: the renderer's bundle reads this schema through the contract.
import { z } from 'zod';

export const repoTypes = ['git', 'helm', 'oci'] as const;
export type RepoType = (typeof repoTypes)[number];

export const repoEntrySchema = z.object({
  /** `repository`: one repository (Argo CD's `repository` Secret); `template`: every URL under `url` (`repo-creds`). */
  kind: z.enum(['repository', 'template']),
  /** As the user wrote it, without credentials. */
  url: z.string(),
  /** The normalized URL the keychain entry is filed under (credentialUrlKey). */
  key: z.string(),
  type: z.enum(repoTypes),
  name: z.string().optional(),
  project: z.string().optional(),
  username: z.string().optional(),
  /** What the keychain holds for it, never the values. */
  hasPassword: z.boolean(),
  hasSshPrivateKey: z.boolean(),
  hasTlsClientCert: z.boolean(),
  githubAppId: z.string().optional(),
  githubAppInstallationId: z.string().optional(),
  githubAppEnterpriseBaseUrl: z.string().optional(),
  insecure: z.boolean(),
  enableOCI: z.boolean(),
  proxy: z.string().optional(),
  noProxy: z.string().optional(),
  /** `file <name>` or `cluster <name>/<namespace>` when imported from Argo CD Secrets. */
  importedFrom: z.string().optional(),
});
export type RepoEntry = z.infer<typeof repoEntrySchema>;
