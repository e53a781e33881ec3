// The dialog that deletes an application: first what will happen — the cascade (its finalizer's,
// or the one chosen here), the objects deleted highest wave first, the PreDelete and PostDelete
// hooks that run, what stays and why — then the deletion, its definition last.
import { useEffect, useState } from 'react';
import type { DeletionObject, DeletionPlan } from '../../../../../engine/api/contract.ts';
import { useClient } from '../../../clientContext.ts';
import { Dialog } from '../../../components/Dialog.tsx';
import { useStep } from '../../clusters/useStep.ts';
import { OptionCheckbox } from '../sync/OptionCheckbox.tsx';
import './DeleteAppDialog.css';

type Cascade = DeletionPlan['cascade'];

const cascades: Array<{ value: Cascade; label: string }> = [
  { value: 'foreground', label: 'Foreground: delete the objects, each after what it owns' },
  { value: 'background', label: 'Background: delete the objects, what they own goes after' },
  { value: 'orphan', label: 'Orphan: leave the objects in the cluster' },
];

function ObjectRows({ title, objects }: { title: string; objects: DeletionObject[] }) {
  if (objects.length === 0) return null;
  return (
    <>
      <tr>
        <th colSpan={4}>{title}</th>
      </tr>
      {objects.map((o) => (
        <tr key={`${title}/${o.id}`}>
          <td>{o.kind}</td>
          <td className="mono">{o.namespace ? `${o.namespace}/${o.name}` : o.name}</td>
          <td>{o.wave}</td>
          <td>{o.keptBecause ?? (o.needsConfirmation ? 'Delete=confirm' : '')}</td>
        </tr>
      ))}
    </>
  );
}

export function DeleteAppDialog({
  name,
  onClose,
  onDeleted,
}: {
  name: string;
  onClose(): void;
  onDeleted(): void;
}) {
  const client = useClient();
  const [chosen, setChosen] = useState<Cascade | null>(null);
  const [plan, setPlan] = useState<DeletionPlan | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const planning = useStep();
  const deleting = useStep();

  useEffect(() => {
    let current = true;
    void planning
      .run(() => client.call('apps.deletionPlan', { name, ...(chosen ? { cascade: chosen } : {}) }))
      .then((result) => current && result && setPlan(result.plan));
    return () => {
      current = false;
    };
    // planning is a new object every render; the plan depends on the application and the choice
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, name, chosen]);

  const needsConfirmation = plan?.deleted.some((o) => o.needsConfirmation) ?? false;
  const remove = async () => {
    const result = await deleting.run(() =>
      client.call('apps.delete', {
        name,
        ...(chosen ? { cascade: chosen } : {}),
        ...(confirmDelete ? { confirmDelete: true } : {}),
      }),
    );
    if (result?.deleted) onDeleted();
  };
  const cascade = chosen ?? plan?.cascade ?? 'orphan';

  return (
    <Dialog title={`Delete ${name}`} onClose={onClose} wide>
      <fieldset className="group-box" aria-label="What happens to its objects">
        <legend>Its objects</legend>
        {cascades.map((option) => (
          <label key={option.value} className="radio-row">
            <input
              type="radio"
              name="cascade"
              value={option.value}
              checked={cascade === option.value}
              onChange={() => setChosen(option.value)}
            />{' '}
            {option.label}
            {plan?.chosenBy === 'finalizer' && chosen === null && plan.cascade === option.value && (
              <span className="subtle">
                {option.value === 'orphan' ? ' (it has no resources finalizer)' : ' (its finalizer)'}
              </span>
            )}
          </label>
        ))}
      </fieldset>
      {planning.busy && !plan && (
        <p className="progress" role="status">
          <span className="spinner" /> Listing what will be deleted…
        </p>
      )}
      {planning.error && <p className="error">Cannot list what will be deleted: {planning.error}</p>}
      {plan?.warnings.map((warning) => (
        <p key={warning} className="subtle hint">
          {warning}
        </p>
      ))}
      {plan && (
        <table className="table" aria-label="What the deletion does">
          <thead>
            <tr>
              <th>Kind</th>
              <th>Name</th>
              <th>Wave</th>
              <th>Note</th>
            </tr>
          </thead>
          <tbody>
            <ObjectRows title="Hooks run first (PreDelete)" objects={plan.preDeleteHooks} />
            <ObjectRows title="Deleted, highest wave first" objects={plan.deleted} />
            <ObjectRows title="Hooks run after (PostDelete)" objects={plan.postDeleteHooks} />
            <ObjectRows title="Left in the cluster" objects={plan.kept} />
          </tbody>
        </table>
      )}
      {needsConfirmation && (
        <OptionCheckbox
          label="Also delete what asks for confirmation"
          explanation="Objects marked Delete=confirm are deleted too; without this the deletion does not start."
          checked={confirmDelete}
          onChange={setConfirmDelete}
        />
      )}
      <p className="subtle hint">
        The definition is removed from the workspace last (a commit in a git workspace).
      </p>
      {deleting.error && (
        <p className="error problem" role="alert">
          {deleting.error}
        </p>
      )}
      <div className="actions">
        <button
          className="danger"
          onClick={() => void remove()}
          disabled={!plan || deleting.busy || (needsConfirmation && !confirmDelete)}
        >
          {deleting.busy ? 'Deleting…' : `Delete ${name}`}
        </button>
        <button onClick={onClose} disabled={deleting.busy}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
