// The sync dialog of an application: prune, dry run, sync options and the resources to sync;
// once started, the operation's live progress per wave and object, and its result.
import { useMemo, useState } from 'react';
import { useClient } from '../../../clientContext.ts';
import { Dialog } from '../../../components/Dialog.tsx';
import { useApps } from '../../../stores/apps.ts';
import { useLiveQuery } from '../live/useLiveQuery.ts';
import { OperationView } from './OperationView.tsx';
import { OptionCheckbox } from './OptionCheckbox.tsx';
import { ResourceSelection } from './ResourceSelection.tsx';
import { allIds, selectableResources, selectiveResources } from './selection.ts';
import { SyncOptionsFields } from './SyncOptionsFields.tsx';
import { chosenSyncOptions, definitionSyncOptions } from './syncOptions.ts';
import { describeSyncWindows } from './syncWindowText.ts';
import { useOperationRun } from './useOperationRun.ts';

export function SyncDialog({ name, onClose }: { name: string; onClose(): void }) {
  const client = useClient();
  const app = useApps((state) => state.apps?.find((a) => a.name === name));
  const running = app?.operationRunning ?? false;
  // A closed sync window leaves a dry run only.
  const windowClosed = app?.syncWindows?.manual === false;
  const run = useOperationRun(name, running);
  // Paused while an operation is followed: its progress moves the summary many times.
  const choosing = run.requested ? null : name;
  const diff = useLiveQuery(name, choosing, (c) => c.call('apps.diff', { name }));
  const definition = useLiveQuery(name, choosing, (c) => c.call('apps.get', { name }));
  const resources = useMemo(() => selectableResources(diff.data?.resources ?? []), [diff.data]);
  const appOptions = definitionSyncOptions(definition.data?.definition);
  const [prune, setPrune] = useState(false);
  const [confirmPrune, setConfirmPrune] = useState(false);
  const [dryRun, setDryRun] = useState(false);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  // Everything until the reader picks; the list may still grow while the diff loads.
  const [picked, setPicked] = useState<Set<string> | null>(null);
  const selected = picked ?? allIds(resources);

  const synchronize = () => {
    const only = selectiveResources(resources, selected);
    const syncOptions = chosenSyncOptions(chosen, appOptions);
    return run.start(() =>
      client.call('apps.sync', {
        name,
        prune,
        dryRun,
        ...(prune && confirmPrune ? { confirmPrune: true } : {}),
        ...(only ? { resources: only } : {}),
        ...(syncOptions.length > 0 ? { syncOptions } : {}),
      }),
    );
  };

  return (
    <Dialog title={`Sync ${name}`} onClose={onClose}>
      {run.requested ? (
        <OperationView name={name} run={run} onClose={onClose} againLabel="Sync again" />
      ) : (
        <>
          <OptionCheckbox
            label="Prune"
            explanation="Delete objects of the application that are no longer in git."
            checked={prune}
            onChange={setPrune}
          />
          {prune && (
            <OptionCheckbox
              label="Also prune what asks for confirmation"
              explanation="Objects marked Prune=confirm are deleted too; without this they stay and are reported."
              checked={confirmPrune}
              onChange={setConfirmPrune}
            />
          )}
          <OptionCheckbox
            label="Dry run"
            explanation="Ask the cluster to validate every change, and change nothing."
            checked={dryRun}
            onChange={setDryRun}
          />
          <SyncOptionsFields chosen={chosen} appOptions={appOptions} onChange={setChosen} />
          {windowClosed && app.syncWindows && (
            <p className="error" role="alert">
              {describeSyncWindows(app.syncWindows)} Only a dry run can run now.
            </p>
          )}
          {diff.error && <p className="error">Cannot list the resources: {diff.error}</p>}
          {diff.loading && !diff.data && (
            <p className="progress" role="status">
              <span className="spinner" /> Listing the resources to choose from…
            </p>
          )}
          {resources.length > 0 && (
            <ResourceSelection resources={resources} selected={selected} onChange={setPicked} />
          )}
          <div className="actions">
            <button
              className="primary"
              onClick={() => void synchronize()}
              disabled={(resources.length > 0 && selected.size === 0) || (windowClosed && !dryRun)}
            >
              Synchronize
            </button>
            <button onClick={onClose}>Cancel</button>
          </div>
        </>
      )}
    </Dialog>
  );
}
