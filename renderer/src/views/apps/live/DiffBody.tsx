// One object's diff, live on the left and desired (git) on the right: inline or side by side,
// whole object or changed fields only. Folded lines always show as an expander with their
// count, and an opened fold can be closed again.
import { Fragment, memo, useMemo, useState } from 'react';
import type { ResourceDiff } from '../../../../../engine/api/contract.ts';
import { effectiveScope, shownRows } from './diffList.ts';
import { foldRows, type DiffBlock, type DiffScope } from './diffFolding.ts';
import { diffRows, pairRows, type DiffRow } from './diffRows.ts';
import type { DiffLayout } from './diffOptions.ts';
import './diff.css';

const SIGN = { context: ' ', added: '+', removed: '-' } as const;
const NONE_OPENED: ReadonlySet<number> = new Set();

function InlineRows({ rows }: { rows: DiffRow[] }) {
  return rows.map((row, index) => (
    <tr key={index} className={`diff-${row.kind}`}>
      <td className="ln">{row.oldNumber}</td>
      <td className="ln">{row.newNumber}</td>
      <td className="code">
        <span className="sign">{SIGN[row.kind]}</span>
        {row.text}
      </td>
    </tr>
  ));
}

function SplitRows({ rows }: { rows: DiffRow[] }) {
  return pairRows(rows).map(({ left, right }, index) => (
    <tr key={index}>
      <td className="ln">{left?.oldNumber}</td>
      <td className={left ? `code diff-${left.kind}` : 'code diff-empty'}>{left?.text}</td>
      <td className="ln">{right?.newNumber}</td>
      <td className={right ? `code diff-${right.kind}` : 'code diff-empty'}>{right?.text}</td>
    </tr>
  ));
}

function gapLabel(block: Extract<DiffBlock, { type: 'gap' }>, scope: DiffScope): string {
  const count = block.rows.length;
  if (scope === 'whole') return `${count} unchanged ${count === 1 ? 'line' : 'lines'}`;
  const differ = block.changed > 0 ? ` (${block.changed} of them differ)` : '';
  return `${count} ${count === 1 ? 'line' : 'lines'} outside the changed fields${differ}`;
}

export const DiffBody = memo(function DiffBody({
  resource,
  layout,
  scope: wanted,
  desiredLabel = 'Desired (git)',
}: {
  resource: ResourceDiff;
  layout: DiffLayout;
  scope: DiffScope;
  /** What the right-hand side is: git's desired state, or a rollback's target commit. */
  desiredLabel?: string;
}) {
  const scope = effectiveScope(resource, wanted);
  const rows = useMemo(() => diffRows(resource.liveYaml, resource.desiredYaml), [resource]);
  const shown = useMemo(() => shownRows(resource, rows, scope), [resource, rows, scope]);
  // Opened folds, by first row; they belong to one scope, so a scope change starts afresh.
  const [opened, setOpened] = useState({ scope, starts: NONE_OPENED });
  const starts = opened.scope === scope ? opened.starts : NONE_OPENED;
  const blocks = useMemo(() => foldRows(rows, shown, starts), [rows, shown, starts]);
  const toggle = (start: number) => {
    const next = new Set(starts);
    if (!next.delete(start)) next.add(start);
    setOpened({ scope, starts: next });
  };
  const Rows = layout === 'split' ? SplitRows : InlineRows;
  const columns = layout === 'split' ? 4 : 3;

  if (rows.length === 0) return <p className="subtle diff-note">Both sides are empty.</p>;
  return (
    <table className={`diff diff-${layout}`}>
      {/* Column widths from the start: a fixed table would otherwise share them out evenly. */}
      <colgroup>
        {layout === 'split' ? (
          <>
            <col className="ln" />
            <col />
            <col className="ln" />
            <col />
          </>
        ) : (
          <>
            <col className="ln" />
            <col className="ln" />
            <col />
          </>
        )}
      </colgroup>
      {layout === 'split' && (
        <thead>
          <tr>
            <th colSpan={2}>Live</th>
            <th colSpan={2}>{desiredLabel}</th>
          </tr>
        </thead>
      )}
      <tbody className="mono">
        {blocks.map((block, index) => (
          <Fragment key={block.type === 'gap' ? `gap-${block.start}` : `rows-${index}`}>
            {block.type === 'gap' && (
              <tr className="diff-gap">
                <td colSpan={columns}>
                  <button onClick={() => toggle(block.start)} aria-expanded={block.expanded}>
                    {block.expanded ? '▾ Fold' : '▸ Show'} {gapLabel(block, scope)}
                  </button>
                </td>
              </tr>
            )}
            {(block.type === 'rows' || block.expanded) && <Rows rows={block.rows} />}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
});
