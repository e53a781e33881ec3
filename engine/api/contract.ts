// The contract: every call and every event between the engine and its clients, with the zod
// schemas each process boundary validates against. It must stay free of Node and Electron so
// the renderer can import it.
import { z } from 'zod';

const noInput = z.object({}).strict();

export const kubeContextSchema = z.object({
  name: z.string(),
  cluster: z.string(),
  server: z.string().nullable(),
  user: z.string(),
  namespace: z.string().nullable(),
  current: z.boolean(),
});
export type KubeContext = z.infer<typeof kubeContextSchema>;

export const kubeconfigProblemSchema = z.object({ file: z.string(), message: z.string() });

export const clusterListSchema = z.object({
  contexts: z.array(kubeContextSchema),
  currentContext: z.string().nullable(),
  files: z.array(z.string()),
  problems: z.array(kubeconfigProblemSchema),
});
export type ClusterList = z.infer<typeof clusterListSchema>;

export const appSummarySchema = z.object({
  name: z.string(),
  project: z.string(),
});
export type AppSummary = z.infer<typeof appSummarySchema>;

export const versionSchema = z.object({
  name: z.literal('Plumbline'),
  version: z.string(),
  node: z.string(),
  platform: z.string(),
  dataDir: z.string(),
});
export type VersionInfo = z.infer<typeof versionSchema>;

/** Every call: its input and its output. */
export const calls = {
  'app.version': { input: noInput, output: versionSchema },
  'clusters.list': { input: noInput, output: clusterListSchema },
  'apps.list': { input: noInput, output: z.object({ apps: z.array(appSummarySchema) }) },
} as const;

/** Every event the engine streams to its clients. */
export const events = {
  'clusters.changed': clusterListSchema,
  'apps.changed': z.object({ apps: z.array(appSummarySchema) }),
} as const;

export type CallName = keyof typeof calls;
export type CallInput<N extends CallName> = z.input<(typeof calls)[N]['input']>;
export type CallOutput<N extends CallName> = z.output<(typeof calls)[N]['output']>;
export type EventName = keyof typeof events;
export type EngineEvent = {
  [N in EventName]: { event: N; payload: z.output<(typeof events)[N]> };
}[EventName];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(calls, name);
}
