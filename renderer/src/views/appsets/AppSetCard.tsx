// One ApplicationSet: its generators in words, its policy, its conditions, and on demand its
// applications with their statuses and the parameters each was generated from, and the editor
// that previews an edit of its YAML.
import { useEffect, useId, useState } from 'react';
import type { AppSetSummary } from '../../../../engine/api/contract.ts';
import { useClient } from '../../clientContext.ts';
import { AppStatusCompact } from '../../components/StatusBadges.tsx';
import { useApps } from '../../stores/apps.ts';
import { useNavigation } from '../../stores/navigation.ts';
import { toYaml } from '../apps/yaml.ts';
import { AppSetEditor } from './AppSetEditor.tsx';
import { gitRepositoriesOf } from './GitFileEdit.tsx';
import { RolloutSteps } from './RolloutSteps.tsx';

type Params = Record<string, Record<string, unknown>>;

function paramsText(params: Record<string, unknown> | undefined): string {
  if (!params) return '';
  return Object.entries(params)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('  ');
}

function useSetDetail(name: string, open: boolean, generatedAt: string | null) {
  const client = useClient();
  const [detail, setDetail] = useState<{ params: Params; definition: Record<string, unknown> | null } | null>(
    null,
  );
  useEffect(() => {
    if (!open) return;
    let current = true;
    client.call('appsets.get', { name }).then(
      (result) => current && setDetail({ params: result.params, definition: result.definition }),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [client, name, open, generatedAt]);
  return detail;
}

/** Argo CD names a set's failures ErrorOccurred; a name clash or a failed deletion is as serious. */
const isProblem = (type: string) => type !== 'ApplicationSetRemoved';

function SetConditions({ conditions }: { conditions: AppSetSummary['conditions'] }) {
  if (conditions.length === 0) return null;
  return (
    <ul className="conditions">
      {conditions.map((condition, index) => (
        <li key={index} className={isProblem(condition.type) ? 'condition error' : 'condition warning'}>
          <strong>{condition.type}</strong> {condition.message}
        </li>
      ))}
    </ul>
  );
}

export function AppSetCard({ set }: { set: AppSetSummary }) {
  const heading = useId();
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const detail = useSetDetail(set.name, open || editing, set.generatedAt);
  const apps = useApps((state) => state.apps);
  const openApp = useNavigation((state) => state.openApp);
  const mine = (apps ?? []).filter((app) => app.applicationSet === set.name);
  const errors = set.conditions.filter((c) => isProblem(c.type));
  return (
    <section className="card appset-card" aria-labelledby={heading}>
      <div className="row">
        <h2 id={heading}>
          {set.name}
          <span className="pill">{set.policy}</span>
          {set.goTemplate && <span className="pill">goTemplate</span>}
          {set.preserveResourcesOnDeletion && <span className="pill">resources preserved</span>}
        </h2>
        <span className="subtle mono">
          {set.parent
            ? `in the manifests of ${set.parent}`
            : set.file
              ? `${set.file}${set.line ? `:${set.line}` : ''}`
              : 'left the workspace'}
        </span>
      </div>
      <dl className="facts">
        <dt>Generators</dt>
        <dd>
          <ul className="plain-list">
            {set.generators.map((words, index) => (
              <li key={index}>{words}</li>
            ))}
          </ul>
        </dd>
        <dt>Applications</dt>
        <dd>
          {set.applications.length}{' '}
          {errors.length > 0 && <span className="error">— {errors.length} error(s)</span>}
        </dd>
        <dt>Generated</dt>
        <dd>
          {set.generatedAt ? new Date(set.generatedAt).toLocaleString() : 'not yet'}
          {set.requeueAfterSeconds !== null && (
            <span className="subtle"> · again every {set.requeueAfterSeconds} s</span>
          )}
        </dd>
      </dl>
      <SetConditions conditions={set.conditions} />
      {set.rollout && <RolloutSteps rollout={set.rollout} />}
      <div className="row-buttons">
        <button onClick={() => setOpen(!open)} aria-expanded={open}>
          {open ? 'Hide applications' : 'Show applications'}
        </button>
        {set.file && !set.parent && (
          <button onClick={() => setEditing(true)} disabled={editing}>
            Edit and preview
          </button>
        )}
      </div>
      {open && (
        <table className="table appset-apps">
          <thead>
            <tr>
              <th>Application</th>
              <th>Status</th>
              <th>Parameters</th>
            </tr>
          </thead>
          <tbody>
            {mine.length === 0 && (
              <tr>
                <td colSpan={3} className="subtle">
                  No applications yet
                </td>
              </tr>
            )}
            {mine.map((app) => (
              <tr key={app.name}>
                <td>
                  <button className="link" onClick={() => openApp(app.name)}>
                    {app.name}
                  </button>
                </td>
                <td>
                  <AppStatusCompact app={app} />
                </td>
                {detail && !detail.params[app.name] ? (
                  <td className="subtle">leaving the set: its resources are deleted first</td>
                ) : (
                  <td className="mono params">{paramsText(detail?.params[app.name])}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && detail?.definition && (
        <AppSetEditor
          name={set.name}
          initial={toYaml(detail.definition)}
          repositories={gitRepositoriesOf(detail.definition)}
          onClose={() => setEditing(false)}
        />
      )}
    </section>
  );
}
