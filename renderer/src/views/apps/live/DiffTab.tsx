// The Diff tab: every resource whose live state differs from git (or all of them), each
// foldable, with the shared diff options and an explicit, confirmed reveal of Secret values.
import { useMemo, useState } from 'react';
import { LiveSourceMark } from '../../../components/LiveSourceMark.tsx';
import { useApps } from '../../../stores/apps.ts';
import { DiffOptionsBar } from './DiffOptionsBar.tsx';
import { resourcesToShow } from './diffList.ts';
import { useDiffOptions } from './diffOptions.ts';
import { ResourceDiffList } from './ResourceDiffList.tsx';
import { useFolds } from './useFolds.ts';
import { useLiveQuery } from './useLiveQuery.ts';
import './diff.css';

const REVEAL_WARNING =
  'Show the values of Secrets in this diff? They stay on screen until you hide them or leave this tab.';

export function DiffTab({ name }: { name: string }) {
  const [revealed, setRevealed] = useState(false);
  const diff = useLiveQuery(name, `${name}|${revealed}`, (client) =>
    client.call('apps.diff', revealed ? { name, revealSecrets: true } : { name }),
  );
  const { showAll, set } = useDiffOptions();
  const liveSource = useApps((state) => state.apps?.find((a) => a.name === name)?.liveSource);

  const all = useMemo(() => diff.data?.resources ?? [], [diff.data]);
  const shown = useMemo(() => resourcesToShow(all, showAll), [all, showAll]);
  const folds = useFolds(all, shown);
  const differing = all.filter((r) => r.status !== 'Synced').length;
  const pruning = all.filter((r) => r.requiresPruning).length;
  const hasSecrets = all.some((r) => r.key.kind === 'Secret' && r.key.group === '');
  const reveal = () => {
    if (window.confirm(REVEAL_WARNING)) setRevealed(true);
  };

  return (
    <div className="live-diff">
      <div className="live-toolbar">
        <LiveSourceMark app={{ liveSource }} />
        <DiffOptionsBar />
        <span className="toolbar-gap" />
        <button onClick={() => folds.setAll(true)}>Expand all</button>
        <button onClick={() => folds.setAll(false)}>Collapse all</button>
        {hasSecrets && !revealed && <button onClick={reveal}>Reveal secret values…</button>}
      </div>
      {revealed && (
        <p className="reveal-banner" role="status">
          Secret values are shown. <button onClick={() => setRevealed(false)}>Hide secret values</button>
        </p>
      )}
      {diff.error && <p className="error">Cannot compare with the cluster: {diff.error}</p>}
      {diff.loading && !diff.data && (
        <p className="progress" role="status">
          <span className="spinner" /> Comparing git with the cluster…
        </p>
      )}
      {diff.data && (
        <p className="subtle live-summary">
          {differing === 0
            ? `All ${all.length} resources are Synced: git and the cluster agree.`
            : `${differing} of ${all.length} resources differ`}
          {pruning > 0 && ` · ${pruning} ${pruning === 1 ? 'requires' : 'require'} pruning`}
          {differing === 0 && !showAll && all.length > 0 && (
            <>
              {' '}
              <button className="link inline" onClick={() => set({ showAll: true })}>
                Show all
              </button>
            </>
          )}
        </p>
      )}
      <ResourceDiffList resources={shown} folds={folds} />
    </div>
  );
}
