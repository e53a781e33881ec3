// The Settings form's text fields and the change they make: an empty field unsets its setting,
// the reconciliation numbers must be whole seconds.
import type { EditableSettings } from '../../../../engine/api/contract.ts';

export interface SettingsDraft {
  workspace: string;
  healthCustomizations: string;
  helm: string;
  kubectl: string;
  kustomize: string;
  operationLeaseNamespace: string;
  periodSeconds: string;
  jitterSeconds: string;
  authorName: string;
  authorEmail: string;
}

export function draftOf(settings: EditableSettings): SettingsDraft {
  return {
    workspace: settings.workspace ?? '',
    healthCustomizations: settings.healthCustomizations ?? '',
    helm: settings.tools.helm ?? '',
    kubectl: settings.tools.kubectl ?? '',
    kustomize: settings.tools.kustomize ?? '',
    operationLeaseNamespace: settings.operationLeaseNamespace ?? '',
    periodSeconds: String(settings.reconciliation.periodSeconds),
    jitterSeconds: String(settings.reconciliation.jitterSeconds),
    authorName: settings.gitAuthor.name ?? '',
    authorEmail: settings.gitAuthor.email ?? '',
  };
}

const orNull = (text: string): string | null => text.trim() || null;

function seconds(text: string, what: string): number | string {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(value) && value >= 0
    ? value
    : `${what} is a whole number of seconds (0 or more)`;
}

export function changeOf(draft: SettingsDraft): { settings: EditableSettings } | { problem: string } {
  const periodSeconds = seconds(draft.periodSeconds, 'the reconciliation period');
  if (typeof periodSeconds === 'string') return { problem: periodSeconds };
  const jitterSeconds = seconds(draft.jitterSeconds, 'the jitter');
  if (typeof jitterSeconds === 'string') return { problem: jitterSeconds };
  return {
    settings: {
      workspace: orNull(draft.workspace),
      healthCustomizations: orNull(draft.healthCustomizations),
      tools: { helm: orNull(draft.helm), kubectl: orNull(draft.kubectl), kustomize: orNull(draft.kustomize) },
      operationLeaseNamespace: orNull(draft.operationLeaseNamespace),
      reconciliation: { periodSeconds, jitterSeconds },
      gitAuthor: { name: orNull(draft.authorName), email: orNull(draft.authorEmail) },
    },
  };
}
