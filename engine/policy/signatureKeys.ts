// The AppProject's `signatureKeys` rule, as Argo CD applies it: when a project lists keys, a
// revision of its applications is synced only when its commit (or, for an annotated tag, the
// tag) carries a good signature by one of them. Plumbline accepts the signing key's own ID or,
// for a subkey, its primary key's ID (the ID `plumbline gpg list` shows). A signature by an
// expired or revoked key, an expired signature, a bad one, one by a key not in the keyring and
// an unsigned revision all refuse, each saying so in Argo CD's words.
import { longKeyId } from '../gpg/keyIds.ts';
import type { SignatureCheck } from '../gpg/verifySignature.ts';
import type { AppProject } from '../model/index.ts';
import type { Verdict } from './projectRules.ts';

/** The long key IDs a project requires signatures from; empty when it requires none. */
export function requiredSignatureKeys(project: AppProject | undefined): string[] {
  return (project?.spec.signatureKeys ?? []).map((key) => longKeyId(key.keyID) ?? `invalid:${key.keyID}`);
}

/** Whether a project requires signed revisions. */
export function requiresSignatures(project: AppProject | undefined): boolean {
  return (project?.spec.signatureKeys ?? []).length > 0;
}

const invalidReasons: Record<string, string> = {
  'missing-key': "the key is not in Plumbline's GnuPG keyring (plumbline gpg add)",
  'expired-key': 'signed with expired key',
  'revoked-key': 'signed with revoked key',
  'expired-signature': 'expired signature',
};

/** `revision`: what the message names (`abc123…`, `tag v1.2.0 (abc123…)`). */
export function signatureVerdict(project: AppProject, check: SignatureCheck, revision: string): Verdict {
  if (check.result === 'unsigned')
    return {
      allowed: false,
      message: `Target revision ${revision} in Git is not signed, but a signature is required`,
    };
  const key = `${check.algorithm ? `${check.algorithm} ` : ''}key ${check.keyId || '(unknown)'}`;
  switch (check.result) {
    case 'good': {
      const allowed = requiredSignatureKeys(project);
      if (allowed.includes(check.keyId) || (check.primaryKeyId && allowed.includes(check.primaryKeyId)))
        return { allowed: true };
      return {
        allowed: false,
        message: `Found good signature made with ${key}, but this key is not allowed in AppProject ${project.metadata.name}`,
      };
    }
    case 'bad':
      return {
        allowed: false,
        message: `Found BAD signature made with ${key} on revision ${revision}: the content does not match its signature`,
      };
    default:
      return {
        allowed: false,
        message: `Found signature made with ${key}, but verification result was invalid: '${invalidReasons[check.result] ?? check.detail ?? check.result}'`,
      };
  }
}

/** The gate of every sync: a render whose revisions lack a required signature is not synced. */
export function signedRevisionsAllowed(signatureProblems: readonly string[] | undefined): Verdict {
  return signatureProblems && signatureProblems.length > 0
    ? { allowed: false, message: signatureProblems.join('; ') }
    : { allowed: true };
}
