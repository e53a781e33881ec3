// The banner of a pinned application: which commit it is held at since when, that auto-sync
// is suspended, and the one click that lets it follow its branch again.
import { useState } from 'react';
import type { AppSummary } from '../../../../../engine/api/contract.ts';
import { useClient } from '../../../clientContext.ts';
import { timeAgo } from '../../../components/StatusBadges.tsx';
import { shortSha } from './historyFormat.ts';
import { PinIcon } from './PinIcon.tsx';
import './history.css';

export function PinBanner({ app }: { app: AppSummary }) {
  const client = useClient();
  const [error, setError] = useState<string | null>(null);
  const [resuming, setResuming] = useState(false);
  if (!app.pin) return null;
  const resume = async () => {
    setResuming(true);
    setError(null);
    await client
      .call('apps.resumeAutoSync', { name: app.name })
      .catch((failure: Error) => setError(`Cannot resume: ${failure.message}`));
    setResuming(false);
  };
  return (
    <div className="pin-banner" role="status" aria-label="Pinned revision">
      <PinIcon />
      <span>
        <strong>
          Pinned to <span className="mono">{shortSha(app.pin.revision)}</span>
        </strong>{' '}
        <span title={app.pin.since}>since {timeAgo(app.pin.since)}</span> — auto-sync suspended
      </span>
      <button onClick={() => void resume()} disabled={resuming}>
        Resume auto-sync
      </button>
      {error && <span className="error">{error}</span>}
    </div>
  );
}
