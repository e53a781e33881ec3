// The settings as the Settings view edits them: every field present, `null` where unset (the
// default applies), and the edit written back so that `null` removes the key from the file.
import type { EditableSettings } from '../api/contract.ts';
import type { Settings } from './settings.ts';
import { RENDER_SETTING_DEFAULTS } from '../render/limits.ts';

/** Every application compared again at least every 3 min, plus up to 1 min at random. */
export const DEFAULT_RECONCILIATION = { periodSeconds: 180, jitterSeconds: 60 };

export function editableOf(settings: Settings): EditableSettings {
  return {
    workspace: settings.workspace ?? null,
    healthCustomizations: settings.healthCustomizations ?? null,
    tools: {
      helm: settings.tools?.helm ?? null,
      kubectl: settings.tools?.kubectl ?? null,
      kustomize: settings.tools?.kustomize ?? null,
    },
    operationLeaseNamespace: settings.operationLeaseNamespace ?? null,
    inClusterDestination: settings.inClusterDestination ?? null,
    allowedScmProviders: settings.allowedScmProviders ?? [],
    reconciliation: { ...DEFAULT_RECONCILIATION, ...settings.reconciliation },
    gitAuthor: { name: settings.gitAuthor?.name ?? null, email: settings.gitAuthor?.email ?? null },
    render: { ...RENDER_SETTING_DEFAULTS, ...settings.render },
    application: {
      resourceTrackingMethod: settings.application?.resourceTrackingMethod ?? 'annotation',
      instanceLabelKey: settings.application?.instanceLabelKey ?? null,
    },
    installationID: settings.installationID ?? null,
  };
}

/** The fields that are not null; undefined when none is. */
function present<T extends Record<string, unknown>>(fields: T): Partial<T> | undefined {
  const kept = Object.entries(fields).filter(([, value]) => value !== null);
  return kept.length > 0 ? (Object.fromEntries(kept) as Partial<T>) : undefined;
}

/** The render fields that differ from their defaults, so a save does not pin today's defaults. */
function nonDefaultRender(render: NonNullable<EditableSettings['render']>): Settings['render'] {
  const kept = Object.entries(render).filter(
    ([key, value]) => RENDER_SETTING_DEFAULTS[key as keyof typeof RENDER_SETTING_DEFAULTS] !== value,
  );
  return kept.length > 0 ? (Object.fromEntries(kept) as Settings['render']) : undefined;
}

/** The file's settings with the change applied; what the view does not edit is kept. */
export function withChanges(current: Settings, change: Partial<EditableSettings>): Settings {
  const next: Record<string, unknown> = { ...current };
  const set = (key: string, value: unknown) => {
    if (value === null || value === undefined) delete next[key];
    else next[key] = value;
  };
  if (change.workspace !== undefined) set('workspace', change.workspace);
  if (change.healthCustomizations !== undefined) set('healthCustomizations', change.healthCustomizations);
  if (change.operationLeaseNamespace !== undefined)
    set('operationLeaseNamespace', change.operationLeaseNamespace);
  if (change.inClusterDestination !== undefined) set('inClusterDestination', change.inClusterDestination);
  if (change.allowedScmProviders !== undefined)
    set('allowedScmProviders', change.allowedScmProviders.length > 0 ? change.allowedScmProviders : null);
  if (change.reconciliation) set('reconciliation', change.reconciliation);
  if (change.tools) set('tools', present({ ...current.tools, ...change.tools }));
  if (change.gitAuthor) set('gitAuthor', present({ ...current.gitAuthor, ...change.gitAuthor }));
  if (change.render) set('render', nonDefaultRender(change.render));
  if (change.application) {
    // the default method is not written, so the file does not pin it
    const { resourceTrackingMethod, instanceLabelKey } = change.application;
    const method = resourceTrackingMethod === 'annotation' ? null : resourceTrackingMethod;
    set('application', present({ ...current.application, resourceTrackingMethod: method, instanceLabelKey }));
  }
  if (change.installationID !== undefined) set('installationID', change.installationID);
  return next as Settings;
}
