// The settings Plumbline's engine works with, edited in place: saved to config.json and applied
// at once. What an environment variable overrides is said beside its field.
import { useState } from 'react';
import type { SettingsView } from '../../../../engine/api/contract.ts';
import { useClient } from '../../clientContext.ts';
import { useSettings } from '../../stores/settings.ts';
import { CheckboxField, Field, TextArea, TextField } from '../../components/fields.tsx';
import { useStep } from '../clusters/useStep.ts';
import {
  changeOf,
  draftOf,
  type RenderDraft,
  type SettingsDraft,
  type TextKey,
  type TrackingDraft,
} from './settingsDraft.ts';

function Overridden({ by, value }: { by: string; value: string | null }) {
  if (!value) return null;
  return (
    <p className="subtle hint">
      <span className="mono">{by}</span> is set to <span className="mono">{value}</span> and wins while it is.
    </p>
  );
}

export function SettingsForm({ view }: { view: SettingsView }) {
  const client = useClient();
  const saving = useStep();
  // Until the user edits, the fields show the settings as they are, changes elsewhere included.
  const [edits, setEdits] = useState<SettingsDraft | null>(null);
  const [saved, setSaved] = useState(false);
  const draft = edits ?? draftOf(view.settings);
  const edited = edits !== null;

  const field = (key: TextKey, label: string, placeholder?: string) => (
    <TextField
      label={label}
      value={draft[key]}
      placeholder={placeholder}
      onChange={(value) => {
        setEdits({ ...draft, [key]: value });
        setSaved(false);
      }}
    />
  );
  const setRender = (patch: Partial<RenderDraft>) => {
    if (!draft.render) return;
    setEdits({ ...draft, render: { ...draft.render, ...patch } });
    setSaved(false);
  };
  const renderField = (
    key: 'maxOutputMegabytes' | 'maxObjects' | 'maxToolMemoryMegabytes',
    label: string,
  ) => (
    <TextField
      label={label}
      value={draft.render?.[key] ?? ''}
      onChange={(value) => setRender({ [key]: value })}
    />
  );
  const setTracking = (patch: Partial<TrackingDraft>) => {
    if (!draft.tracking) return;
    setEdits({ ...draft, tracking: { ...draft.tracking, ...patch } });
    setSaved(false);
  };
  const change = changeOf(draft);
  const save = async () => {
    if (!('settings' in change)) return;
    const result = await saving.run(() => client.call('settings.update', change.settings));
    if (!result) return;
    useSettings.getState().received(result);
    setEdits(null);
    setSaved(true);
  };

  return (
    <form
      className="settings-form"
      aria-label="Settings"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <fieldset className="group-box">
        <legend>Workspace</legend>
        {field('workspace', 'Workspace folder', 'the default folder in the data folder')}
        <Overridden by="PLUMBLINE_WORKSPACE" value={view.fromEnvironment.workspace} />
      </fieldset>
      <fieldset className="group-box">
        <legend>Reconciliation</legend>
        {field('periodSeconds', 'Compare every (seconds)')}
        {field('jitterSeconds', 'Plus up to (seconds)')}
        <p className="subtle hint">
          Every application is rendered and compared again at least this often; 0 turns it off. New commits
          are also found by polling git every 15 s.
        </p>
      </fieldset>
      <fieldset className="group-box">
        <legend>Operations</legend>
        {field('operationLeaseNamespace', 'Lease namespace', 'kube-system')}
        <p className="subtle hint">
          Where each cluster keeps the lease that stops two desktops syncing one application at once.
        </p>
        {field('inClusterDestination', 'in-cluster means', 'no cluster yet')}
        <p className="subtle hint">
          The registered cluster or kubeconfig context that applications written for Argo CD&apos;s own
          cluster (in-cluster, https://kubernetes.default.svc) deploy to.
        </p>
        {field('authorName', 'Revert commit author', 'your desktop user')}
        {field('authorEmail', 'Author email', 'your desktop user')}
      </fieldset>
      <fieldset className="group-box">
        <legend>ApplicationSets</legend>
        <TextArea
          label="SCM APIs sets may call"
          value={draft.scmApis}
          placeholder="any (one URL a line, as sets write api)"
          onChange={(value) => {
            setEdits({ ...draft, scmApis: value });
            setSaved(false);
          }}
        />
        <p className="subtle hint">
          scmProvider and pullRequest generators send a token only to an API listed here (or to GitHub&apos;s
          and GitLab&apos;s public APIs). Tokens: plumbline appset secret SECRET KEY.
        </p>
      </fieldset>
      <fieldset className="group-box">
        <legend>Tools</legend>
        {field('helm', 'helm', 'from PATH, else the bundled one')}
        {field('kubectl', 'kubectl', 'from PATH, else the bundled one')}
        {field('kustomize', 'kustomize', "from PATH, else kubectl's")}
      </fieldset>
      <fieldset className="group-box">
        <legend>Health checks</legend>
        {field('healthCustomizations', 'Customizations folder', 'none: the built-in checks')}
        <Overridden by="PLUMBLINE_HEALTH_CUSTOMIZATIONS" value={view.fromEnvironment.healthCustomizations} />
        <p className="subtle hint">
          {view.resourceHealthChecks.length > 0
            ? `Lua scripts in the settings file for ${view.resourceHealthChecks.join(', ')}.`
            : 'Lua scripts per kind can also go in the settings file (resourceHealthChecks).'}
        </p>
      </fieldset>
      {draft.render && (
        <fieldset className="group-box">
          <legend>Renders</legend>
          {renderField('maxOutputMegabytes', 'Output at most (MB)')}
          {renderField('maxObjects', 'Objects at most')}
          {renderField('maxToolMemoryMegabytes', 'helm/kustomize memory (MB)')}
          <p className="subtle hint">A render over a limit stops with a condition on its application.</p>
          <CheckboxField
            label="Remote kustomize bases"
            checked={draft.render.allowRemoteKustomizeBases}
            onChange={(value) => setRender({ allowRemoteKustomizeBases: value })}
          />
          <p className="subtle hint">
            Kustomize resources and components from git or http URLs. Argo CD allows them by default;
            Plumbline only while this is on, since they bring in files from outside the repository.
          </p>
          <CheckboxField
            label="Remote schema references"
            checked={draft.render.allowRemoteSchemaRefs}
            onChange={(value) => setRender({ allowRemoteSchemaRefs: value })}
          />
          <p className="subtle hint">
            http(s) $refs in a chart&apos;s values.schema.json, which helm would fetch.
          </p>
        </fieldset>
      )}
      {draft.tracking && (
        <fieldset className="group-box">
          <legend>Resource tracking</legend>
          <Field label="Tracking method">
            <select
              value={draft.tracking.method}
              onChange={(e) => setTracking({ method: e.target.value as TrackingDraft['method'] })}
            >
              <option value="annotation">annotation (argocd.argoproj.io/tracking-id)</option>
              <option value="label">label (the instance label only)</option>
              <option value="annotation+label">annotation+label</option>
            </select>
          </Field>
          <TextField
            label="Instance label"
            value={draft.tracking.labelKey}
            placeholder="app.kubernetes.io/instance"
            onChange={(value) => setTracking({ labelKey: value })}
          />
          <TextField
            label="Installation ID"
            value={draft.tracking.installationID}
            placeholder="none"
            onChange={(value) => setTracking({ installationID: value })}
          />
          <p className="subtle hint">
            How deployed objects are marked as an application&apos;s, as Argo CD&apos;s
            application.resourceTrackingMethod: objects an Argo CD deployed the same way are adopted. With an
            installation ID, only objects carrying it count.
          </p>
        </fieldset>
      )}
      {'problem' in change && <p className="error">{change.problem}</p>}
      {saving.error && (
        <p className="error problem" role="alert">
          {saving.error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={saving.busy || !edited || 'problem' in change}>
          {saving.busy ? 'Saving…' : 'Save settings'}
        </button>
        <button
          type="button"
          disabled={!edited}
          onClick={() => {
            setEdits(null);
            saving.clear();
          }}
        >
          Discard changes
        </button>
        {saved && <span className="ok-text">✓ Saved and applied</span>}
      </div>
    </form>
  );
}
