// What this Plumbline is, where it keeps its data, and the settings its engine works with.
import { useEffect, useState } from 'react';
import type { VersionInfo } from '../../../engine/api/contract.ts';
import { useClient } from '../clientContext.ts';
import { useSettings } from '../stores/settings.ts';
import { SettingsForm } from './settings/SettingsForm.tsx';
import './settings/settings.css';

export function SettingsView() {
  const client = useClient();
  const view = useSettings((state) => state.view);
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
        <dt>Settings file</dt>
        <dd className="mono">{view?.path ?? '…'}</dd>
      </dl>
      {view?.problem && (
        <p className="error problem" role="alert">
          {view.problem}; the defaults apply until it is fixed.
        </p>
      )}
      {view && <SettingsForm view={view} />}
    </section>
  );
}
