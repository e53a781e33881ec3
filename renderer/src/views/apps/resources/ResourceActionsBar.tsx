// What a user can do to the selected object besides looking: its resource actions, editing its
// live YAML (a server dry run first) and deleting it; each opens its dialog.
import { useState } from 'react';
import type { TreeNode } from '../../../../../engine/api/contract.ts';
import { ActionsDialog } from './ActionsDialog.tsx';
import { DeleteResourceDialog } from './DeleteResourceDialog.tsx';
import { EditManifestDialog } from './EditManifestDialog.tsx';
import './resources.css';

type Open = 'actions' | 'edit' | 'delete' | null;

export function ResourceActionsBar({ appName, node }: { appName: string; node: TreeNode }) {
  const [open, setOpen] = useState<Open>(null);
  const isSecret = node.key.group === '' && node.key.kind === 'Secret';
  const close = () => setOpen(null);
  return (
    <div className="resource-actions">
      <button onClick={() => setOpen('actions')}>Actions…</button>
      <button
        onClick={() => setOpen('edit')}
        disabled={isSecret}
        title={isSecret ? 'Secrets are edited in git: their values are never shown' : undefined}
      >
        Edit…
      </button>
      <button className="danger" onClick={() => setOpen('delete')}>
        Delete…
      </button>
      {open === 'actions' && <ActionsDialog appName={appName} node={node} onClose={close} />}
      {open === 'edit' && <EditManifestDialog appName={appName} node={node} onClose={close} />}
      {open === 'delete' && <DeleteResourceDialog appName={appName} node={node} onClose={close} />}
    </div>
  );
}
