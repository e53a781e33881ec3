// Creates or edits an application: source (repository, revision, path, type-specific fields),
// destination cluster and namespace, project and sync policy.
import { useEffect, useState } from 'react';
import { useClient } from '../../clientContext.ts';
import { useClusters } from '../../stores/clusters.ts';
import { useNavigation } from '../../stores/navigation.ts';
import {
  definitionFromForm,
  emptyForm,
  formFromDefinition,
  type AppFormState,
  type SourceType,
} from './formModel.ts';
import { CheckboxField, Field, TextArea, TextField } from '../../components/fields.tsx';

export function AppForm({ editing }: { editing: string }) {
  const client = useClient();
  const contexts = useClusters((state) => state.list?.contexts ?? []);
  const { edit, openApp } = useNavigation();
  const creating = editing === 'new';
  const [base, setBase] = useState<Record<string, unknown>>({});
  const [form, setForm] = useState<AppFormState>(emptyForm);
  const [projects, setProjects] = useState<string[]>(['default']);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void client.call('projects.list').then((result) => setProjects(result.projects.map((p) => p.name)));
    if (creating) return;
    void client.call('apps.get', { name: editing }).then((result) => {
      setBase(result.definition);
      setForm(formFromDefinition(result.definition));
    });
  }, [client, creating, editing]);

  const set =
    <K extends keyof AppFormState>(key: K) =>
    (value: AppFormState[K]) =>
      setForm((state) => ({ ...state, [key]: value }));

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const definition = definitionFromForm(form, base);
      const result = creating
        ? await client.call('apps.create', { definition })
        : await client.call('apps.update', { name: editing, definition });
      openApp(result.app.name);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section>
      <button className="link" onClick={() => edit(null)}>
        ← Back
      </button>
      <header className="view-header">
        <h1>{creating ? 'New application' : `Edit ${editing}`}</h1>
      </header>
      <form className="form" onSubmit={(event) => void save(event)} aria-label="Application">
        <fieldset>
          <legend>General</legend>
          <TextField
            label="Name"
            value={form.name}
            onChange={set('name')}
            required
            disabled={!creating}
            placeholder="guestbook"
          />
          <Field label="Project">
            <select value={form.project} onChange={(e) => set('project')(e.target.value)}>
              {projects.map((project) => (
                <option key={project}>{project}</option>
              ))}
            </select>
          </Field>
        </fieldset>
        <fieldset>
          <legend>Source</legend>
          <TextField
            label="Repository URL or path"
            value={form.repoURL}
            onChange={set('repoURL')}
            required
            placeholder="https://github.com/org/config.git"
          />
          <TextField
            label="Revision"
            value={form.targetRevision}
            onChange={set('targetRevision')}
            placeholder="HEAD, a branch, a tag or a commit"
          />
          <Field label="Type">
            <select value={form.type} onChange={(e) => set('type')(e.target.value as SourceType)}>
              <option value="directory">Directory</option>
              <option value="kustomize">Kustomize</option>
              <option value="helm">Helm</option>
            </select>
          </Field>
          {form.type === 'helm' && (
            <TextField
              label="Chart (Helm repository)"
              value={form.chart}
              onChange={set('chart')}
              placeholder="leave empty for a chart in the repository"
            />
          )}
          {!(form.type === 'helm' && form.chart) && (
            <TextField label="Path" value={form.path} onChange={set('path')} placeholder="apps/guestbook" />
          )}
          {form.type === 'directory' && (
            <>
              <CheckboxField label="Recurse" checked={form.recurse} onChange={set('recurse')} />
              <TextField
                label="Include"
                value={form.include}
                onChange={set('include')}
                placeholder="{*.yaml,*.json}"
              />
              <TextField label="Exclude" value={form.exclude} onChange={set('exclude')} />
            </>
          )}
          {form.type === 'kustomize' && (
            <>
              <TextField label="Name prefix" value={form.namePrefix} onChange={set('namePrefix')} />
              <TextField label="Name suffix" value={form.nameSuffix} onChange={set('nameSuffix')} />
              <TextArea
                label="Images (one per line)"
                value={form.images}
                onChange={set('images')}
                placeholder="nginx=nginx:1.27"
              />
            </>
          )}
          {form.type === 'helm' && (
            <>
              <TextField
                label="Release name"
                value={form.releaseName}
                onChange={set('releaseName')}
                placeholder="the application's name"
              />
              <TextArea
                label="Value files (one per line)"
                value={form.valueFiles}
                onChange={set('valueFiles')}
                placeholder="values-prod.yaml"
              />
              <TextArea label="Values (YAML)" value={form.values} onChange={set('values')} rows={5} />
            </>
          )}
        </fieldset>
        <fieldset>
          <legend>Destination</legend>
          <TextField
            label="Cluster (context name or server URL)"
            value={form.destinationName}
            onChange={set('destinationName')}
            required
            list="contexts"
          />
          <datalist id="contexts">
            {contexts.map((context) => (
              <option key={context.name} value={context.name} />
            ))}
          </datalist>
          <TextField
            label="Namespace"
            value={form.destinationNamespace}
            onChange={set('destinationNamespace')}
          />
        </fieldset>
        <fieldset>
          <legend>Sync policy</legend>
          <CheckboxField label="Automated" checked={form.autoSync} onChange={set('autoSync')} />
          {form.autoSync && (
            <>
              <CheckboxField label="Prune" checked={form.prune} onChange={set('prune')} />
              <CheckboxField label="Self heal" checked={form.selfHeal} onChange={set('selfHeal')} />
            </>
          )}
        </fieldset>
        {error && <p className="error">{error}</p>}
        <div className="actions">
          <button type="submit" className="primary" disabled={saving}>
            {creating ? 'Create' : 'Save'}
          </button>
          <button type="button" onClick={() => edit(null)}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
