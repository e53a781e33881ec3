// The signature check of an application's render: for a project with `signatureKeys`, each git
// source's resolved revision is checked (its annotated tag, else its commit) against the keyring
// of Plumbline's data folder and judged by engine/policy. A check that cannot run (no gpg, a
// timeout) refuses too: a revision is synced only when its signature is known to be good.
import type { RepositoryCache } from '../git/index.ts';
import type { AppProject } from '../model/index.ts';
import { requiresSignatures, signatureVerdict } from '../policy/signatureKeys.ts';
import { GpgKeyring } from './keyring.ts';
import { verifySignedObject } from './verifySignature.ts';

/** Why a source's revision may not be synced, or null when its signature is good and allowed. */
export type RevisionSignatureCheck = (
  url: string,
  targetRevision: string,
  sha: string,
) => Promise<string | null>;

export function revisionSignatureCheck(
  project: AppProject | undefined,
  repos: RepositoryCache,
  dataDir: string,
): RevisionSignatureCheck | undefined {
  if (!project || !requiresSignatures(project)) return undefined;
  const keyring = GpgKeyring.of(dataDir);
  return async (url, targetRevision, sha) => {
    try {
      const signed = await repos.signedRevision(url, targetRevision, sha);
      const verdict = signatureVerdict(project, await verifySignedObject(keyring, signed), signed.name);
      return verdict.allowed ? null : verdict.message;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return `Could not verify the signature of revision ${sha}: ${reason}`;
    }
  };
}
