// One card of the resource tree: the application, an object (kind, name, health, sync, facts)
// or a folded group of siblings with its health summary. Memoised: panning re-renders the
// canvas, not the cards.
import { memo } from 'react';
import type { HealthStatus } from '../../../../../engine/api/contract.ts';
import { healthTone, HealthIcon, SyncIcon, type Tone } from '../../../components/StatusBadges.tsx';
import { kindPlural, kindShortName } from './kinds.ts';
import type { GraphItem, GroupItem } from './treeGraph.ts';
import { CARD, type Placement } from './treeLayout.ts';

export interface CardActions {
  onSelect(id: string): void;
  onToggleChildren(id: string): void;
  onOpenGroup(id: string): void;
}

const HEALTH_ORDER: (HealthStatus | 'None')[] = [
  'Degraded',
  'Missing',
  'Progressing',
  'Suspended',
  'Unknown',
  'Healthy',
  'None',
];

function GroupSummary({ group }: { group: GroupItem }) {
  return (
    <span className="card-facts">
      {HEALTH_ORDER.filter((status) => group.health[status]).map((status) => (
        <span key={status} className="group-count" title={status}>
          {status !== 'None' && <HealthIcon status={status} labelled />}
          {group.health[status]}
          {status === 'None' && ' without health'}
        </span>
      ))}
    </span>
  );
}

function cardTitle(item: GraphItem): string {
  if (item.type === 'app') return `Application ${item.name}: ${item.health}, ${item.sync}`;
  if (item.type === 'group')
    return `${item.members.length} more ${kindPlural(item.kind, item.members.length)}: click to show them`;
  const { key, health, info } = item.node;
  return [`${key.kind} ${key.namespace ? `${key.namespace}/` : ''}${key.name}`, health?.message, ...info]
    .filter(Boolean)
    .join('\n');
}

function tone(item: GraphItem): Tone {
  if (item.type === 'app') return healthTone(item.health);
  if (item.type === 'group') return 'muted';
  return item.node.health ? healthTone(item.node.health.status) : 'muted';
}

export const NodeCard = memo(function NodeCard({
  item,
  at,
  selected,
  overview,
  actions,
}: {
  item: GraphItem;
  at: Placement;
  selected: boolean;
  /** Zoomed out too far to read: a block in the item's health colour. */
  overview: boolean;
  actions: CardActions;
}) {
  const style = { left: at.x, top: at.y, width: CARD.width, height: CARD.height };
  const onClick = () => (item.type === 'group' ? actions.onOpenGroup(item.id) : actions.onSelect(item.id));
  if (overview) {
    const className = `node-overview node-${item.type} tone-${tone(item)}${selected ? ' selected' : ''}`;
    return (
      <button
        className={className}
        style={style}
        onClick={onClick}
        title={cardTitle(item)}
        aria-label={cardTitle(item)}
      />
    );
  }
  const managed = item.type === 'resource' && item.node.managed;
  return (
    <div
      className={`node-card node-${item.type}${managed ? ' managed' : ''}${selected ? ' selected' : ''}`}
      style={style}
    >
      <button className="card-body" onClick={onClick} title={cardTitle(item)} aria-pressed={selected}>
        <span className="kind-abbr">
          {item.type === 'app'
            ? 'app'
            : kindShortName(item.type === 'group' ? item.kind : item.node.key.kind)}
        </span>
        <span className="card-text">
          {item.type === 'app' && (
            <>
              <span className="card-name">{item.name}</span>
              <span className="card-facts">
                <HealthIcon status={item.health} labelled /> <SyncIcon status={item.sync} labelled />
                <span className="ellipsis-line">Application</span>
              </span>
            </>
          )}
          {item.type === 'group' && (
            <>
              <span className="card-name">
                +{item.members.length} {kindPlural(item.kind, item.members.length)}
              </span>
              <GroupSummary group={item} />
            </>
          )}
          {item.type === 'resource' && (
            <>
              <span className="card-name">{item.node.key.name}</span>
              <span className="card-facts">
                {item.node.health && <HealthIcon status={item.node.health.status} labelled />}
                {item.node.sync && <SyncIcon status={item.node.sync} labelled />}
                <span className="ellipsis-line">{item.node.info.join(' · ') || item.node.key.kind}</span>
              </span>
            </>
          )}
        </span>
      </button>
      {item.type === 'resource' && item.childCount > 0 && (
        <button
          className="card-toggle"
          onClick={() => actions.onToggleChildren(item.id)}
          aria-label={item.collapsed ? `Show ${item.childCount} children` : 'Hide children'}
          title={item.collapsed ? `Show ${item.childCount} children` : 'Hide children'}
        >
          {item.collapsed ? `+${item.childCount}` : '−'}
        </button>
      )}
    </div>
  );
});
