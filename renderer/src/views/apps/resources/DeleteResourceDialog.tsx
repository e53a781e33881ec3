// Deleting one live object of the tree: the propagation policy (foreground waits for the
// dependents, background leaves them to the garbage collector, orphan keeps them) and force,
// which deletes with a grace period of 0. The object comes back at the next sync if git has it.
import { useState } from 'react';
import type { TreeNode } from '../../../../../engine/api/contract.ts';
import { useClient } from '../../../clientContext.ts';
import { Dialog } from '../../../components/Dialog.tsx';

const propagations = ['foreground', 'background', 'orphan'] as const;

export function DeleteResourceDialog({
  appName,
  node,
  onClose,
}: {
  appName: string;
  node: TreeNode;
  onClose(): void;
}) {
  const client = useClient();
  const [propagation, setPropagation] = useState<(typeof propagations)[number]>('foreground');
  const [force, setForce] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    try {
      await client.call('resources.delete', { name: appName, resource: { id: node.id }, propagation, force });
      onClose();
    } catch (failure) {
      setError((failure as Error).message);
      setBusy(false);
    }
  };
  return (
    <Dialog title={`Delete ${node.key.kind} ${node.key.name}`} onClose={onClose}>
      <p>
        Deletes the live object from the cluster
        {node.managed ? '; the next sync creates it again from git' : ''}.
      </p>
      <fieldset className="choice-row">
        <legend>Propagation</legend>
        {propagations.map((choice) => (
          <label key={choice}>
            <input
              type="radio"
              name="propagation"
              checked={propagation === choice}
              onChange={() => setPropagation(choice)}
            />{' '}
            {choice}
          </label>
        ))}
      </fieldset>
      <label>
        <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> Force (grace
        period 0: no time to shut down)
      </label>
      {error && <p className="error">{error}</p>}
      <div className="dialog-buttons">
        <button onClick={onClose}>Cancel</button>
        <button className="danger" onClick={() => void remove()} disabled={busy}>
          Delete
        </button>
      </div>
    </Dialog>
  );
}
