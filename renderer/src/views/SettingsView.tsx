// What this Plumbline is and where it keeps its data.
import { useEffect, useState } from 'react';
import type { VersionInfo } from '../../../engine/api/contract.ts';
import { useClient } from '../clientContext.ts';

export function SettingsView() {
  const client = useClient();
  const [info, setInfo] = useState<VersionInfo | null>(null);
  useEffect(() => {
    void client.call('app.version').then(setInfo);
  }, [client]);
  return (
    <section>
      <header className="view-header">
        <h1>Settings</h1>
      </header>
      <dl className="facts">
        <dt>Version</dt>
        <dd>{info?.version ?? '…'}</dd>
        <dt>Data folder</dt>
        <dd className="mono">{info?.dataDir ?? '…'}</dd>
        <dt>Engine</dt>
        <dd>{info ? `Node ${info.node} on ${info.platform}` : '…'}</dd>
        <dt>Theme</dt>
        <dd>Follows your operating system (light or dark)</dd>
      </dl>
    </section>
  );
}
