// What a resource's diff is about, in one line: which object, its sync status, why it differs,
// and what a sync would do to it (create, change, prune).
import type { ResourceDiff } from '../../../../../engine/api/contract.ts';
import { SyncBadge } from '../../../components/StatusBadges.tsx';
import { describeKey } from './diffList.ts';

const REASON: Record<NonNullable<ResourceDiff['reason']>, string> = {
  missing: 'missing from the cluster',
  extraneous: 'not in git',
  changed: 'changed',
};

export function ResourceDiffHeader({
  resource,
  counts,
}: {
  resource: ResourceDiff;
  counts?: { added: number; removed: number };
}) {
  return (
    <span className="rdiff-title">
      <strong className="rdiff-name">{describeKey(resource.key)}</strong>
      <SyncBadge status={resource.status} />
      {resource.reason && <span className="pill">{REASON[resource.reason]}</span>}
      {resource.requiresPruning && <span className="pill pill-bad">requires pruning</span>}
      {resource.hook && <span className="pill">hook</span>}
      {counts && (counts.added > 0 || counts.removed > 0) && (
        <span className="mono rdiff-counts">
          <span className="tone-ok">+{counts.added}</span> <span className="tone-bad">−{counts.removed}</span>
        </span>
      )}
      {resource.message && <span className="subtle rdiff-message">{resource.message}</span>}
    </span>
  );
}
