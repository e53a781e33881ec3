// The resource actions of one object of the tree — the built-in restart, pause and resume, and
// the Lua actions of the customizations folder — each with its parameters, run with the user's
// credentials. What ran, or why not, shows under the list; the list loads again after a run
// (pause disables itself, resume enables).
import { useCallback, useEffect, useState } from 'react';
import type { ResourceActionInfo, TreeNode } from '../../../../../engine/api/contract.ts';
import { useClient } from '../../../clientContext.ts';
import { Dialog } from '../../../components/Dialog.tsx';

function ActionRow({
  action,
  onRun,
}: {
  action: ResourceActionInfo;
  onRun(params: Record<string, string>): void;
}) {
  const [params, setParams] = useState<Record<string, string>>(() =>
    Object.fromEntries(action.params.map((p) => [p.name, p.default ?? ''])),
  );
  return (
    <li>
      <span className="action-name">{action.displayName ?? action.name}</span>
      <span className="subtle">{action.source === 'lua' ? 'Lua' : 'built in'}</span>
      {action.params.map((param) => (
        <label key={param.name}>
          {param.name}
          <input
            aria-label={`${action.name} ${param.name}`}
            value={params[param.name] ?? ''}
            onChange={(e) => setParams({ ...params, [param.name]: e.target.value })}
          />
        </label>
      ))}
      <span className="toolbar-gap" />
      <button
        onClick={() => onRun(params)}
        disabled={action.disabled}
        title={action.disabled ? 'Not available in the object’s current state' : undefined}
        aria-label={`Run ${action.name}`}
      >
        Run
      </button>
    </li>
  );
}

export function ActionsDialog({
  appName,
  node,
  onClose,
}: {
  appName: string;
  node: TreeNode;
  onClose(): void;
}) {
  const client = useClient();
  const [actions, setActions] = useState<ResourceActionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [running, setRunning] = useState(false);
  const load = useCallback(() => {
    client.call('resources.actions.list', { name: appName, resource: { id: node.id } }).then(
      (answer) => setActions(answer.actions),
      (failure: Error) => setError(failure.message),
    );
  }, [client, appName, node.id]);
  useEffect(load, [load]);
  const run = async (action: string, params: Record<string, string>) => {
    setRunning(true);
    setResult(null);
    try {
      const { resources } = await client.call('resources.actions.run', {
        name: appName,
        resource: { id: node.id },
        action,
        params,
      });
      const done = resources.map(
        (r) =>
          `${r.kind} ${r.name} ${r.operation === 'create' ? 'created' : r.changed ? 'patched' : 'unchanged'}`,
      );
      setResult({ ok: true, text: `${action}: ${done.join(', ')}` });
      load();
    } catch (failure) {
      setResult({ ok: false, text: (failure as Error).message });
    } finally {
      setRunning(false);
    }
  };
  return (
    <Dialog title={`Actions on ${node.key.kind} ${node.key.name}`} onClose={onClose}>
      {error && <p className="error">Cannot list the actions: {error}</p>}
      {!error && !actions && <p className="subtle">Loading the actions…</p>}
      {actions?.length === 0 && (
        <p className="subtle">
          No actions for this kind. Lua actions live in the customizations folder, as
          <span className="mono"> group/Kind/actions/discovery.lua</span>.
        </p>
      )}
      {actions && actions.length > 0 && (
        <ul className="action-list" aria-busy={running}>
          {actions.map((action) => (
            <ActionRow key={action.name} action={action} onRun={(params) => void run(action.name, params)} />
          ))}
        </ul>
      )}
      {result && (
        <p className={result.ok ? 'action-result' : 'action-result error'} role="status">
          {result.text}
        </p>
      )}
    </Dialog>
  );
}
