// One application: its statuses and what is happening to it, its conditions, and the tabs of
// its summary, live state, manifests and history.
import { useState } from 'react';
import { Conditions } from '../../components/Conditions.tsx';
import { LiveSourceBanner } from '../../components/LiveSourceMark.tsx';
import { offlineActionReason } from '../../components/liveSourceText.ts';
import { AppStatusBadges } from '../../components/StatusBadges.tsx';
import { Tabs } from '../../components/Tabs.tsx';
import { useApps } from '../../stores/apps.ts';
import { useNavigation } from '../../stores/navigation.ts';
import { describeDestination } from './describe.ts';
import { InClusterChoice } from './InClusterChoice.tsx';
import { AppInfo } from './info/AppInfo.tsx';
import { ManifestsTab } from './ManifestsTab.tsx';
import { HistoryTab } from './history/HistoryTab.tsx';
import { PinBanner } from './history/PinBanner.tsx';
import { DiffTab } from './live/DiffTab.tsx';
import { TreeTab } from './live/TreeTab.tsx';
import { EventsTab } from './resources/EventsTab.tsx';
import { OrphansTab } from './resources/OrphansTab.tsx';
import { AppActivity } from './sync/AppActivity.tsx';
import { RefreshButtons } from './sync/RefreshButtons.tsx';
import { SyncDialog } from './sync/SyncDialog.tsx';
import { DeleteAppDialog } from './delete/DeleteAppDialog.tsx';
import { SyncWindowBanner } from './sync/SyncWindowBanner.tsx';

const tabs = ['Summary', 'Tree', 'Diff', 'Manifests', 'History', 'Events', 'Orphans'] as const;

export function AppDetail({ name }: { name: string }) {
  const app = useApps((state) => state.apps?.find((a) => a.name === name));
  const { openApp, edit } = useNavigation();
  const [tab, setTab] = useState<(typeof tabs)[number]>('Summary');
  const [syncing, setSyncing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  if (!app) {
    return (
      <section>
        <button className="link" onClick={() => openApp(null)}>
          ← Applications
        </button>
        <p className="subtle">The application {name} no longer exists.</p>
      </section>
    );
  }
  // sync and rollback need the live cluster; the reason shows on the disabled buttons
  const offline = offlineActionReason(app);
  return (
    <section>
      <button className="link" onClick={() => openApp(null)}>
        ← Applications
      </button>
      <header className="view-header row">
        <div>
          <h1>{app.name}</h1>
          <p className="subtle">
            project {app.project} · {describeDestination(app)}
          </p>
        </div>
        <div className="actions">
          <button
            className="primary"
            onClick={() => setSyncing(true)}
            disabled={offline !== null}
            title={offline ?? undefined}
          >
            Sync
          </button>
          <RefreshButtons name={name} />
          <button onClick={() => edit(name)}>Edit</button>
          <button className="danger" onClick={() => setDeleting(true)}>
            Delete
          </button>
        </div>
      </header>
      <AppActivity app={app} onShowOperation={() => setSyncing(true)} />
      <PinBanner app={app} />
      <SyncWindowBanner app={app} />
      <LiveSourceBanner app={app} />
      <AppStatusBadges app={app} />
      {syncing && <SyncDialog name={name} onClose={() => setSyncing(false)} />}
      {deleting && (
        <DeleteAppDialog name={name} onClose={() => setDeleting(false)} onDeleted={() => openApp(null)} />
      )}
      <InClusterChoice app={app} />
      <Conditions conditions={app.conditions} />
      <Tabs<(typeof tabs)[number]> tabs={tabs} current={tab} onChange={setTab} />
      {tab === 'Summary' && (
        <dl className="facts">
          {app.sources.map((source, index) => (
            <div key={index} className="contents">
              <dt>
                {source.ref
                  ? `Source ${source.ref}`
                  : app.sources.length > 1
                    ? `Source ${index + 1}`
                    : 'Source'}
              </dt>
              <dd className="mono">
                {source.repoURL} {source.chart ? `chart ${source.chart}` : (source.path ?? '.')} @{' '}
                {source.targetRevision}
              </dd>
            </div>
          ))}
          <dt>Revision</dt>
          <dd className="mono">{app.revision ?? 'not resolved yet'}</dd>
          <dt>Definition</dt>
          <dd className="mono">{app.file ?? '—'}</dd>
          <dt>Sync policy</dt>
          <dd>{app.autoSync ? 'Automated' : 'Manual'}</dd>
          <AppInfo info={app.info} />
        </dl>
      )}
      {tab === 'Tree' && <TreeTab name={name} />}
      {tab === 'Diff' && <DiffTab name={name} />}
      {tab === 'Manifests' && <ManifestsTab name={name} />}
      {tab === 'History' && <HistoryTab app={app} />}
      {tab === 'Events' && <EventsTab name={name} />}
      {tab === 'Orphans' && <OrphansTab name={name} />}
    </section>
  );
}
