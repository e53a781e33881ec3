// The contract: every call and every event between the engine and its clients, with the zod
// schemas each process boundary validates against. It must stay free of Node and Electron so
// the renderer can import it. Each area of the contract past the core lives in contract/.
import { z } from 'zod';
import {
  appName,
  appSummarySchema,
  clusterListSchema,
  clusterStateSchema,
  kubeEventSchema,
  kubeObjectSchema,
  manifestsSchema,
  noInput,
  operationSchema,
  progressSchema,
  projectSummarySchema,
  resourceDiffSchema,
  treeNodeSchema,
  versionSchema,
  workspaceInfoSchema,
} from './contract/schemas.ts';
import { historyCalls, historyEvents } from './contract/history.ts';
import { clusterRegistryCalls, clusterRegistryEvents } from './contract/clusterRegistry.ts';
import { podSessionCalls, podSessionEvents } from './contract/podSessions.ts';
import { settingsCalls, settingsEvents } from './contract/settings.ts';
import { resourceCalls, resourceEvents } from './contract/resources.ts';
import { snapshotCalls, snapshotEvents } from './contract/snapshots.ts';
import { appSetCalls, appSetEvents } from './contract/appSets.ts';
import { appDeletionCalls } from './contract/appDeletion.ts';
import { gpgKeyCalls } from './contract/gpgKeys.ts';
import { repoCalls, repoEvents } from './contract/repos.ts';

export * from './contract/schemas.ts';
export * from './contract/history.ts';
export * from './contract/clusterRegistry.ts';
export * from './contract/podSessions.ts';
export * from './contract/settings.ts';
export * from './contract/resources.ts';
export * from './contract/snapshots.ts';
export * from './contract/appSets.ts';
export * from './contract/appDeletion.ts';
export * from './contract/gpgKeys.ts';
export * from './contract/repos.ts';

/** Every call: its input and its output. */
export const calls = {
  'app.version': { input: noInput, output: versionSchema },
  'clusters.list': { input: noInput, output: clusterListSchema },
  'clusters.states': { input: noInput, output: z.object({ states: z.array(clusterStateSchema) }) },
  'apps.list': { input: noInput, output: z.object({ apps: z.array(appSummarySchema) }) },
  'apps.get': { input: appName, output: z.object({ app: appSummarySchema, definition: kubeObjectSchema }) },
  'apps.create': {
    input: z.object({ definition: kubeObjectSchema }).strict(),
    output: z.object({ app: appSummarySchema }),
  },
  'apps.update': {
    input: z.object({ name: z.string().min(1), definition: kubeObjectSchema }).strict(),
    output: z.object({ app: appSummarySchema }),
  },
  'apps.manifests': {
    input: z.object({ name: z.string().min(1), hardRefresh: z.boolean().optional() }).strict(),
    output: manifestsSchema,
  },
  'apps.refresh': {
    input: z.object({ name: z.string().min(1), hard: z.boolean().optional() }).strict(),
    output: z.object({ app: appSummarySchema }),
  },
  'apps.tree': { input: appName, output: z.object({ nodes: z.array(treeNodeSchema) }) },
  'apps.diff': {
    input: z.object({ name: z.string().min(1), revealSecrets: z.boolean().optional() }).strict(),
    output: z.object({ resources: z.array(resourceDiffSchema) }),
  },
  'apps.liveManifest': {
    input: z.object({ name: z.string().min(1), id: z.string().min(1) }).strict(),
    output: z.object({ yaml: z.string() }),
  },
  'apps.resourceEvents': {
    input: z.object({ name: z.string().min(1), id: z.string().min(1) }).strict(),
    output: z.object({ events: z.array(kubeEventSchema) }),
  },
  'apps.sync': {
    input: z
      .object({
        name: z.string().min(1),
        prune: z.boolean().optional(),
        dryRun: z.boolean().optional(),
        /** Selective sync: only these resource ids (`group/kind/namespace/name`). */
        resources: z.array(z.string()).optional(),
        /** Sync options for this operation on top of the application's (`Replace=true`...). */
        syncOptions: z.array(z.string()).optional(),
        /** Prune also the objects marked `Prune=confirm` (the user confirmed it). */
        confirmPrune: z.boolean().optional(),
      })
      .strict(),
    output: z.object({ operation: operationSchema }),
  },
  'projects.list': { input: noInput, output: z.object({ projects: z.array(projectSummarySchema) }) },
  'workspace.info': { input: noInput, output: workspaceInfoSchema },
  'workspace.openDemo': { input: noInput, output: workspaceInfoSchema },
  ...historyCalls,
  ...clusterRegistryCalls,
  ...podSessionCalls,
  ...settingsCalls,
  ...resourceCalls,
  ...snapshotCalls,
  ...appSetCalls,
  ...appDeletionCalls,
  ...gpgKeyCalls,
  ...repoCalls,
} as const;

/** Every event the engine streams to its clients. */
export const events = {
  'clusters.changed': clusterListSchema,
  /**
   * What changed among the applications since the last event: their new summaries and the names
   * that went away. With `reset`, `changed` is the whole list (a new workspace was opened).
   */
  'apps.changed': z.object({
    changed: z.array(appSummarySchema),
    removed: z.array(z.string()),
    reset: z.boolean().optional(),
  }),
  'apps.progress': progressSchema,
  'workspace.changed': workspaceInfoSchema,
  'clusters.state': clusterStateSchema,
  'apps.operation': z.object({ name: z.string(), operation: operationSchema }),
  ...historyEvents,
  ...clusterRegistryEvents,
  ...podSessionEvents,
  ...settingsEvents,
  ...resourceEvents,
  ...snapshotEvents,
  ...appSetEvents,
  ...repoEvents,
} as const;

export type CallName = keyof typeof calls;
export type CallInput<N extends CallName> = z.input<(typeof calls)[N]['input']>;
export type CallOutput<N extends CallName> = z.output<(typeof calls)[N]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<N extends EventName> = z.output<(typeof events)[N]>;
export type EngineEvent = {
  [N in EventName]: { event: N; payload: z.output<(typeof events)[N]> };
}[EventName];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(calls, name);
}
