// Refresh (compare again with the current commit) and hard refresh (render again, bypassing
// the render cache), with their errors where the reader clicked.
import { useState } from 'react';
import { useClient } from '../../../clientContext.ts';

export function RefreshButtons({ name }: { name: string }) {
  const client = useClient();
  const [busy, setBusy] = useState<'soft' | 'hard' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = async (hard: boolean) => {
    setBusy(hard ? 'hard' : 'soft');
    setError(null);
    await client
      .call('apps.refresh', { name, hard })
      .catch((failure: Error) => setError(`Refresh failed: ${failure.message}`));
    setBusy(null);
  };
  return (
    <>
      <button
        onClick={() => void refresh(false)}
        disabled={busy !== null}
        title="Fetch git and compare again"
      >
        {busy === 'soft' ? 'Refreshing…' : 'Refresh'}
      </button>
      <button
        onClick={() => void refresh(true)}
        disabled={busy !== null}
        title="Render again without the render cache, then compare"
      >
        {busy === 'hard' ? 'Refreshing…' : 'Hard refresh'}
      </button>
      {error && <span className="error refresh-error">{error}</span>}
    </>
  );
}
