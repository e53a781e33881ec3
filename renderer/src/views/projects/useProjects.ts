// The workspace's projects as projects.list gives them: fetched when the view opens, again when
// the engine announces a change of the workspace (a project file changed) or of the applications
// (a sync window opened or closed), and every 30 s, as the windows' states follow the clock.
import { useEffect, useState } from 'react';
import type { ProjectSummary } from '../../../../engine/api/contract.ts';
import { useClient } from '../../clientContext.ts';
import { useApps } from '../../stores/apps.ts';
import { useWorkspace } from '../../stores/workspace.ts';

const REFRESH_MS = 30_000;

export function useProjects(): { projects: ProjectSummary[] | null; error: string | null } {
  const client = useClient();
  const apps = useApps((state) => state.apps);
  const workspace = useWorkspace((state) => state.info);
  const [tick, setTick] = useState(0);
  const [projects, setProjects] = useState<ProjectSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    let current = true;
    client.call('projects.list').then(
      (result) => {
        if (!current) return;
        setProjects(result.projects);
        setError(null);
      },
      (failure: Error) => current && setError(failure.message),
    );
    return () => {
      current = false;
    };
  }, [client, apps, workspace, tick]);

  return { projects, error };
}
