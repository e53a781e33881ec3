// The list of applications: where each comes from, where it goes, and what is wrong with it.
// Only the rows in view are in the page (virtualised), so 10,000 applications render and filter
// as fast as ten; the filter matches what the rows show.
import { useMemo, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { AppSummary } from '../../../../engine/api/contract.ts';
import { LiveSourceMark } from '../../components/LiveSourceMark.tsx';
import { AppStatusCompact } from '../../components/StatusBadges.tsx';
import { useApps } from '../../stores/apps.ts';
import { useNavigation } from '../../stores/navigation.ts';
import { filterApps } from './appFilter.ts';
import { nestedUnderParents } from './appNesting.ts';
import { describeDestination, describeSource, shortRevision } from './describe.ts';
import { PinPill } from './history/PinPill.tsx';
import { SyncWindowPill } from './sync/SyncWindowBanner.tsx';

function PhaseBadge({ app }: { app: AppSummary }) {
  const progress = useApps((state) => state.progress[app.name]);
  const errors = app.conditions.filter((c) => c.type.endsWith('Error')).length;
  if (errors > 0) return <span className="badge bad">{errors === 1 ? '1 error' : `${errors} errors`}</span>;
  if (app.operationRunning) return <span className="badge busy">syncing</span>;
  if (progress && !progress.done)
    return (
      <span className="badge busy" title={progress.message}>
        {progress.message}
      </span>
    );
  if (app.phase === 'rendered')
    return (
      <span className="badge ok">
        {app.resourceCount} {app.resourceCount === 1 ? 'object' : 'objects'}
      </span>
    );
  return <span className="badge">{app.phase}</span>;
}

/** A row's height before it is measured; rows with wrapped pills measure taller. */
const ESTIMATED_ROW_PX = 42;

function AppRow({
  app,
  depth,
  index,
  measure,
}: {
  app: AppSummary;
  /** How many parents above it (app of apps): its name is indented that much. */
  depth: number;
  index: number;
  measure: (row: Element | null) => void;
}) {
  const openApp = useNavigation((state) => state.openApp);
  return (
    <tr
      ref={measure}
      data-index={index}
      onClick={() => openApp(app.name)}
      tabIndex={0}
      onKeyDown={(e) => e.key === 'Enter' && openApp(app.name)}
    >
      <td style={depth > 0 ? { paddingLeft: `${0.5 + depth * 1.25}rem` } : undefined}>
        {app.parent && (
          <span
            className="subtle"
            title={`defined by the manifests of ${app.parent}`}
            aria-label={`child of ${app.parent}`}
          >
            ↳{' '}
          </span>
        )}
        {/* Spaces between the name and its pills: where the cell may wrap. */}
        <strong className="nowrap">{app.name}</strong>{' '}
        {app.autoSync && <span className="pill">auto-sync</span>} <PinPill app={app} />{' '}
        <SyncWindowPill app={app} />
      </td>
      <td>{app.project}</td>
      <td className="mono ellipsis" title={describeSource(app)}>
        {describeSource(app)}
      </td>
      <td>{describeDestination(app)}</td>
      <td className="mono">{shortRevision(app)}</td>
      <td>
        <AppStatusCompact app={app} /> <LiveSourceMark app={app} />
      </td>
      <td>
        <PhaseBadge app={app} />
      </td>
    </tr>
  );
}

export function AppTable({ apps }: { apps: AppSummary[] }) {
  const [query, setQuery] = useState('');
  // children right under their parent (app of apps), after the filter so every match shows
  const shown = useMemo(() => nestedUnderParents(filterApps(apps, query)), [apps, query]);
  // The view's content area scrolls (it is positioned, so the table's offsetTop is measured in it).
  const [table, setTable] = useState<HTMLTableElement | null>(null);
  // The list does not use the React Compiler's memoisation, which this hook's functions defeat.
  // eslint-disable-next-line react-hooks/incompatible-library
  const rows = useVirtualizer({
    count: shown.length,
    getScrollElement: () => table?.closest<HTMLElement>('.content') ?? null,
    estimateSize: () => ESTIMATED_ROW_PX,
    scrollMargin: table?.offsetTop ?? 0,
    overscan: 12,
    getItemKey: (index) => shown[index]!.app.name,
  });
  const items = rows.getVirtualItems();
  const before = items.length > 0 ? items[0]!.start - rows.options.scrollMargin : 0;
  const after = items.length > 0 ? rows.getTotalSize() - items[items.length - 1]!.end : 0;
  return (
    <>
      <div className="row list-tools">
        <input
          type="search"
          className="filter"
          placeholder="Filter by name, project, cluster, status…"
          aria-label="Filter applications"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <span className="subtle" aria-live="polite">
          {shown.length === apps.length
            ? `${apps.length} applications`
            : `${shown.length} of ${apps.length} applications`}
        </span>
      </div>
      <table
        ref={setTable}
        className="table clickable app-table"
        aria-label="Applications"
        aria-rowcount={shown.length}
      >
        <thead>
          <tr>
            <th>Name</th>
            <th>Project</th>
            <th>Source</th>
            <th>Destination</th>
            <th>Revision</th>
            <th>Status</th>
            <th>State</th>
          </tr>
        </thead>
        <tbody>
          {before > 0 && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={7} style={{ height: before }} />
            </tr>
          )}
          {items.map((item) => (
            <AppRow
              key={item.key}
              app={shown[item.index]!.app}
              depth={shown[item.index]!.depth}
              index={item.index}
              measure={rows.measureElement}
            />
          ))}
          {after > 0 && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={7} style={{ height: after }} />
            </tr>
          )}
        </tbody>
      </table>
      {shown.length === 0 && <p className="subtle">No application matches “{query}”.</p>}
    </>
  );
}
