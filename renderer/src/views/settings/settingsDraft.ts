// The Settings form's text fields and the change they make: an empty field unsets its setting,
// the reconciliation numbers must be whole seconds, the render limits positive numbers.
import type { EditableSettings } from '../../../../engine/api/contract.ts';

export interface SettingsDraft {
  workspace: string;
  healthCustomizations: string;
  helm: string;
  kubectl: string;
  kustomize: string;
  operationLeaseNamespace: string;
  inClusterDestination: string;
  /** allowedScmProviders, one URL a line. */
  scmApis: string;
  periodSeconds: string;
  jitterSeconds: string;
  authorName: string;
  authorEmail: string;
  /** The `render` setting; absent when the host does not offer it. */
  render?: RenderDraft;
  /** Resource tracking (`application`, `installationID`); absent when the host does not offer it. */
  tracking?: TrackingDraft;
}

export interface TrackingDraft {
  method: 'annotation' | 'label' | 'annotation+label';
  labelKey: string;
  installationID: string;
}

export interface RenderDraft {
  maxOutputMegabytes: string;
  maxObjects: string;
  maxToolMemoryMegabytes: string;
  allowRemoteKustomizeBases: boolean;
  allowRemoteSchemaRefs: boolean;
}

/** The draft's text fields (those a TextField edits). */
export type TextKey = Exclude<keyof SettingsDraft, 'render' | 'tracking'>;

function renderDraftOf(render: EditableSettings['render']): RenderDraft | undefined {
  if (!render) return undefined;
  return {
    ...render,
    maxOutputMegabytes: String(render.maxOutputMegabytes),
    maxObjects: String(render.maxObjects),
    maxToolMemoryMegabytes: String(render.maxToolMemoryMegabytes),
  };
}

export function draftOf(settings: EditableSettings): SettingsDraft {
  return {
    workspace: settings.workspace ?? '',
    healthCustomizations: settings.healthCustomizations ?? '',
    helm: settings.tools.helm ?? '',
    kubectl: settings.tools.kubectl ?? '',
    kustomize: settings.tools.kustomize ?? '',
    operationLeaseNamespace: settings.operationLeaseNamespace ?? '',
    inClusterDestination: settings.inClusterDestination ?? '',
    scmApis: (settings.allowedScmProviders ?? []).join('\n'),
    periodSeconds: String(settings.reconciliation.periodSeconds),
    jitterSeconds: String(settings.reconciliation.jitterSeconds),
    authorName: settings.gitAuthor.name ?? '',
    authorEmail: settings.gitAuthor.email ?? '',
    ...(settings.render ? { render: renderDraftOf(settings.render) } : {}),
    ...(settings.application
      ? {
          tracking: {
            method: settings.application.resourceTrackingMethod,
            labelKey: settings.application.instanceLabelKey ?? '',
            installationID: settings.installationID ?? '',
          },
        }
      : {}),
  };
}

const orNull = (text: string): string | null => text.trim() || null;

function seconds(text: string, what: string): number | string {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(value) && value >= 0
    ? value
    : `${what} is a whole number of seconds (0 or more)`;
}

function positive(text: string, what: string, whole = false): number | string {
  const value = Number(text.trim());
  const ok = text.trim() !== '' && value > 0 && (!whole || Number.isInteger(value));
  return ok ? value : `${what} is a ${whole ? 'whole ' : ''}number above 0`;
}

function renderChange(draft: RenderDraft): EditableSettings['render'] | string {
  const maxOutputMegabytes = positive(draft.maxOutputMegabytes, 'the render output limit');
  if (typeof maxOutputMegabytes === 'string') return maxOutputMegabytes;
  const maxObjects = positive(draft.maxObjects, 'the render object limit', true);
  if (typeof maxObjects === 'string') return maxObjects;
  const maxToolMemoryMegabytes = positive(draft.maxToolMemoryMegabytes, 'the tool memory limit');
  if (typeof maxToolMemoryMegabytes === 'string') return maxToolMemoryMegabytes;
  return {
    maxOutputMegabytes,
    maxObjects,
    maxToolMemoryMegabytes,
    allowRemoteKustomizeBases: draft.allowRemoteKustomizeBases,
    allowRemoteSchemaRefs: draft.allowRemoteSchemaRefs,
  };
}

/** The allowed SCM API URLs, one a line; each must be an http or https URL. */
function scmApis(text: string): string[] | string {
  const urls = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  for (const url of urls)
    if (!/^https?:\/\/[^\s/]+/.test(url)) return `${url.slice(0, 80)} is not an http or https URL`;
  return urls;
}

export function changeOf(draft: SettingsDraft): { settings: EditableSettings } | { problem: string } {
  const periodSeconds = seconds(draft.periodSeconds, 'the reconciliation period');
  if (typeof periodSeconds === 'string') return { problem: periodSeconds };
  const jitterSeconds = seconds(draft.jitterSeconds, 'the jitter');
  if (typeof jitterSeconds === 'string') return { problem: jitterSeconds };
  const render = draft.render ? renderChange(draft.render) : undefined;
  if (typeof render === 'string') return { problem: render };
  const allowedScmProviders = scmApis(draft.scmApis);
  if (typeof allowedScmProviders === 'string') return { problem: allowedScmProviders };
  return {
    settings: {
      workspace: orNull(draft.workspace),
      healthCustomizations: orNull(draft.healthCustomizations),
      tools: { helm: orNull(draft.helm), kubectl: orNull(draft.kubectl), kustomize: orNull(draft.kustomize) },
      operationLeaseNamespace: orNull(draft.operationLeaseNamespace),
      inClusterDestination: orNull(draft.inClusterDestination),
      allowedScmProviders,
      reconciliation: { periodSeconds, jitterSeconds },
      gitAuthor: { name: orNull(draft.authorName), email: orNull(draft.authorEmail) },
      ...(render ? { render } : {}),
      ...(draft.tracking
        ? {
            application: {
              resourceTrackingMethod: draft.tracking.method,
              instanceLabelKey: orNull(draft.tracking.labelKey),
            },
            installationID: orNull(draft.tracking.installationID),
          }
        : {}),
    },
  };
}
