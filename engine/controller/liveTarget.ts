// What work on an application's live objects needs, checked: a valid definition, its project,
// and a destination cluster Plumbline can reach.
import { ContractError } from '../api/errors.ts';
import { appProjectName, type AppProject, type Application } from '../model/index.ts';
import type { Workspace } from '../workspace/index.ts';
import type { DestinationCluster } from './destinations.ts';

export interface LiveTarget {
  app: Application;
  project: AppProject;
  cluster: DestinationCluster;
  /** The kubeconfig context (or registered cluster key) of the destination. */
  context: string;
}

export function liveTarget(
  name: string,
  app: Application,
  projects: Workspace['projects'],
  cluster: DestinationCluster | undefined,
): LiveTarget {
  const project = projects.find((p) => p.name === appProjectName(app))?.definition;
  if (!project)
    throw new ContractError('failed', `${name}: its project ${appProjectName(app)} does not exist`);
  if (!cluster)
    throw new ContractError('failed', `${name}: its destination is not a cluster Plumbline can reach`);
  return { app, project, cluster, context: cluster.name };
}
