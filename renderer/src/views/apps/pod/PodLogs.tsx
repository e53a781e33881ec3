// The Logs part of a pod's panel: a container picker, follow, the previous container, how many
// lines to start from, a search that filters and marks, and a download of the kept lines.
import { useEffect, useMemo, useRef, useState } from 'react';
import { KEPT_LINES, matching, splitAtMatches } from './logLines.ts';
import { usePodLogs } from './usePodLogs.ts';
import './pod.css';
import { ContainerPicker } from './ContainerPicker.tsx';

const tails = [100, 1000, 10_000] as const;

function downloadLink(lines: readonly string[], fileName: string): void {
  const url = URL.createObjectURL(new Blob([lines.join('\n') + '\n'], { type: 'text/plain' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

export function PodLogs({ appName, id, pod }: { appName: string; id: string; pod: string }) {
  const [container, setContainer] = useState<string | undefined>(undefined);
  const [follow, setFollow] = useState(true);
  const [previous, setPrevious] = useState(false);
  const [tailLines, setTailLines] = useState<number>(1000);
  const [search, setSearch] = useState('');
  const logs = usePodLogs(appName, id, { container, follow, previous, tailLines });
  const shown = useMemo(() => matching(logs.lines, search), [logs.lines, search]);
  const view = useRef<HTMLDivElement>(null);

  // Following keeps the newest line in view.
  useEffect(() => {
    if (follow && view.current) view.current.scrollTop = view.current.scrollHeight;
  }, [shown, follow]);

  return (
    <section className="pod-logs" aria-label="Logs">
      <div className="pod-toolbar">
        <ContainerPicker containers={logs.containers} value={logs.container} onChange={setContainer} />
        <label>
          <input type="checkbox" checked={follow} onChange={(event) => setFollow(event.target.checked)} />{' '}
          Follow
        </label>
        <label>
          <input type="checkbox" checked={previous} onChange={(event) => setPrevious(event.target.checked)} />{' '}
          Previous container
        </label>
        <label>
          Last{' '}
          <select value={tailLines} onChange={(event) => setTailLines(Number(event.target.value))}>
            {tails.map((n) => (
              <option key={n} value={n}>
                {n.toLocaleString()}
              </option>
            ))}
          </select>{' '}
          lines
        </label>
        <input
          type="search"
          placeholder="Search"
          aria-label="Search the log"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <button
          onClick={() => downloadLink(logs.lines, `${pod}-${logs.container ?? 'log'}.log`)}
          disabled={logs.lines.length === 0}
          title={`Saves the lines shown above (at most the newest ${KEPT_LINES.toLocaleString()})`}
        >
          Download
        </button>
      </div>
      {logs.error && <p className="error">{logs.error}</p>}
      <div className="pod-log-lines mono" ref={view} role="log" aria-label="Log lines">
        {shown.map((line, index) => (
          <div key={index} className="pod-log-line">
            {splitAtMatches(line, search).map((part, at) =>
              part.match ? <mark key={at}>{part.text}</mark> : <span key={at}>{part.text}</span>,
            )}
          </div>
        ))}
      </div>
      <p className="subtle pod-log-status" role="status">
        {search ? `${shown.length} of ${logs.lines.length} lines match` : `${logs.lines.length} lines`}
        {logs.lines.length >= KEPT_LINES && ` (the newest ${KEPT_LINES.toLocaleString()} are kept)`}
        {logs.ended ? ` · ${logs.ended.reason}` : follow && !logs.error ? ' · following' : ''}
      </p>
    </section>
  );
}
