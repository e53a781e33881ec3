// Selective sync: the application's resources with a checkbox each, and quick selections for
// all of them, only those out of sync, or none.
import type { ResourceDiff } from '../../../../../engine/api/contract.ts';
import { SyncBadge } from '../../../components/StatusBadges.tsx';
import { describeKey } from '../live/diffList.ts';
import { allIds, outOfSyncIds, toggled } from './selection.ts';

export function ResourceSelection({
  resources,
  selected,
  onChange,
}: {
  resources: readonly ResourceDiff[];
  selected: ReadonlySet<string>;
  onChange(selected: Set<string>): void;
}) {
  const outOfSync = outOfSyncIds(resources);
  return (
    <fieldset className="group-box resource-selection">
      <legend>
        Resources{' '}
        <span className="subtle">
          ({selected.size} of {resources.length} selected)
        </span>
      </legend>
      <div className="selection-quick">
        <button onClick={() => onChange(allIds(resources))}>All</button>
        <button onClick={() => onChange(outOfSync)} disabled={outOfSync.size === 0}>
          Out of sync only ({outOfSync.size})
        </button>
        <button onClick={() => onChange(new Set())}>None</button>
      </div>
      <ul className="selection-list" aria-label="Resources to sync">
        {resources.map((resource) => (
          <li key={resource.id}>
            <label>
              <input
                type="checkbox"
                checked={selected.has(resource.id)}
                onChange={() => onChange(toggled(selected, resource.id))}
              />
              <span className="selection-name">{describeKey(resource.key)}</span>
              <SyncBadge status={resource.status} />
              {resource.requiresPruning && <span className="pill pill-bad">requires pruning</span>}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
