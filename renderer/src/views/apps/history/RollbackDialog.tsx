// Rollback of an application to a history entry or a commit of its branch: the preview of
// what will change and the two ways to do it, then the operation's progress once confirmed.
import { useState } from 'react';
import { useClient } from '../../../clientContext.ts';
import { Dialog } from '../../../components/Dialog.tsx';
import { useLiveQuery } from '../live/useLiveQuery.ts';
import { OperationView } from '../sync/OperationView.tsx';
import { useOperationRun } from '../sync/useOperationRun.ts';
import { shortSha, targetInput, type RollbackTarget } from './historyFormat.ts';
import { RollbackChoices, type RollbackMode } from './RollbackChoices.tsx';
import { RollbackPreview } from './RollbackPreview.tsx';

export function RollbackDialog({
  name,
  target,
  branch,
  onClose,
}: {
  name: string;
  target: RollbackTarget;
  branch: string;
  onClose(): void;
}) {
  const client = useClient();
  const run = useOperationRun(name, false);
  const [revertCommit, setRevertCommit] = useState<string | null>(null);
  const preview = useLiveQuery(name, run.requested ? null : `${name}|${target.revision}`, (c) =>
    c.call('apps.rollbackPreview', { name, ...targetInput(target) }),
  );
  const confirm = (mode: RollbackMode) =>
    run.start(async () => {
      const result = await client.call('apps.rollback', {
        name,
        ...targetInput(target),
        ...(mode === 'revert' ? { revertInGit: true } : {}),
      });
      setRevertCommit(result.revertCommit);
      return result;
    });
  const title = `Roll back ${name} to ${shortSha(target.revision)}`;

  return (
    <Dialog title={title} onClose={onClose} wide>
      <p className="rollback-target">
        <span className="mono">{shortSha(target.revision)}</span> {target.subject}
        {target.kind === 'entry' && <span className="subtle"> · history entry {target.id}</span>}
      </p>
      {run.requested ? (
        <>
          {revertCommit && (
            <p className="ok-text">
              Reverted in git as <span className="mono">{shortSha(revertCommit)}</span> on {branch}.
            </p>
          )}
          <OperationView name={name} run={run} onClose={onClose} />
        </>
      ) : (
        <>
          {preview.error && <p className="error">Cannot preview this rollback: {preview.error}</p>}
          {preview.loading && !preview.data && (
            <p className="progress" role="status">
              <span className="spinner" /> Rendering {shortSha(target.revision)} and comparing it with the
              cluster…
            </p>
          )}
          {preview.data && (
            <RollbackPreview resources={preview.data.resources} revision={preview.data.revision} />
          )}
          <RollbackChoices
            branch={branch}
            ready={preview.data !== null}
            onChoose={(mode) => void confirm(mode)}
            onCancel={onClose}
          />
        </>
      )}
    </Dialog>
  );
}
