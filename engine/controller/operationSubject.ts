// What one operation of an application needs, checked: a valid definition, nothing else running,
// a render, a reachable destination, an existing project whose sync windows let it through;
// rendered again at the requested revisions when they are not the current ones (a rollback, a
// retried operation).
import type { Condition } from '../api/contract.ts';
import { ContractError } from '../api/errors.ts';
import { appProjectName, type Application } from '../model/index.ts';
import type { OperationRequest } from '../store/appStateStore.ts';
import type { Workspace } from '../workspace/index.ts';
import type { OperationSubject } from './appOperations.ts';
import type { AppComparison } from './compareApp.ts';
import type { DestinationCluster } from './destinations.ts';
import type { RenderedApp } from './renderApp.ts';
import { appSyncWindows, windowsAllow } from './syncWindowWatch.ts';
import { offlineRefusal } from '../snapshot/offlineClusters.ts';
import { signedRevisionsAllowed } from '../policy/signatureKeys.ts';

export interface SubjectParts {
  name: string;
  app: Application | null;
  running: boolean;
  rendered: RenderedApp | undefined;
  cluster: DestinationCluster | undefined;
  projects: Workspace['projects'];
  conditions(): Condition[];
  comparison: AppComparison | undefined;
  renderAt(app: Application, context: string, revisions: ReadonlyArray<string | null>): Promise<RenderedApp>;
  /** Which sync the windows must allow; null: none to check (a dry run changes nothing). */
  syncWindows: { automated: boolean } | null;
}

export async function operationSubject(
  parts: SubjectParts,
  revisions: OperationRequest['revisions'],
): Promise<OperationSubject> {
  const { name, app, rendered: current, cluster } = parts;
  if (!app)
    throw new ContractError('invalid-input', `${name}: its definition is invalid; fix it before syncing`);
  if (parts.running) throw new ContractError('failed', `${name}: an operation is already running`);
  const project = parts.projects.find((p) => p.name === appProjectName(app))?.definition;
  if (!current)
    throw new ContractError(
      'failed',
      `${name}: nothing to sync: ${parts
        .conditions()
        .map((c) => c.message)
        .join('; ')}`,
    );
  if (!cluster)
    throw new ContractError('failed', `${name}: its destination is not a cluster Plumbline can reach`);
  if (!project)
    throw new ContractError('failed', `${name}: its project ${appProjectName(app)} does not exist`);
  // a closed window refuses whatever the cluster's state: said first, as it does not depend on it
  const windows = parts.syncWindows && appSyncWindows(app, parts.projects);
  if (parts.syncWindows && !windowsAllow(windows, parts.syncWindows.automated))
    throw new ContractError('failed', `${name}: sync blocked: ${windows?.message}`);
  // statuses from a snapshot are not the cluster's: nothing is written on their word
  const offline = offlineRefusal(cluster.name, parts.comparison?.liveSource);
  if (offline) throw new ContractError('failed', `${name}: ${offline}`);
  const wanted = revisions.length > 0 && revisions.join() !== current.revisions.join();
  const rendered = wanted ? await parts.renderAt(app, cluster.name, revisions) : current;
  // the project's signatureKeys: an unsigned revision is neither synced nor rolled back to (a
  // dry run, which writes nothing, may still show what it would change)
  const signed = signedRevisionsAllowed(rendered.signatureProblems);
  if (parts.syncWindows && !signed.allowed)
    throw new ContractError('failed', `${name}: sync blocked: ${signed.message}`);
  const outOfSync = new Set(
    (parts.comparison?.resources ?? []).filter((r) => r.comparison.status === 'OutOfSync').map((r) => r.id),
  );
  return {
    app,
    project,
    context: cluster.name,
    cluster,
    desired: rendered.objects,
    revisions: rendered.revisions,
    outOfSync,
  };
}
