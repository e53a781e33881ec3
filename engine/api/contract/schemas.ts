// The contract's shared schemas: the shapes calls and events of every area of the contract use.
// Free of Node and Electron, like the whole contract.
import { z } from 'zod';
import { SYNC_STATUSES } from '../../diff/types.ts';
import { HEALTH_STATUSES } from '../../health/types.ts';
import { displayUrl } from '../../git/scrub.ts';
import { liveSourceSchema } from './snapshots.ts';

export const noInput = z.object({}).strict();

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

export const conditionSchema = z.object({
  type: z.string(),
  message: z.string(),
  file: z.string().optional(),
  line: z.number().optional(),
});
export type Condition = z.infer<typeof conditionSchema>;

/** A repository URL as it crosses the contract: never with credentials (userinfo) in it. */
export const repoUrlSchema = z.string().transform(displayUrl);

export const appSourceSummarySchema = z.object({
  repoURL: repoUrlSchema,
  path: z.string().nullable(),
  chart: z.string().nullable(),
  targetRevision: z.string(),
  ref: z.string().nullable(),
});

/** One entry of `spec.info`: a fact the application's author shows with it (a link, an owner…). */
export const appInfoSchema = z.object({ name: z.string(), value: z.string() });

export const appPhases = ['pending', 'fetching', 'rendering', 'rendered', 'error'] as const;

// The status words are the engine's own (Argo CD's vocabulary); both modules are free of Node.
export const healthStatuses = HEALTH_STATUSES;
export const syncStatuses = SYNC_STATUSES;
export const healthSchema = z.object({ status: z.enum(healthStatuses), message: z.string().optional() });
export const syncSchema = z.object({
  status: z.enum(syncStatuses),
  message: z.string().optional(),
  /** The revision this status was compared at (null: none yet); a status is never shown for another. */
  revision: z.string().nullable().optional(),
});
export type HealthStatus = (typeof healthStatuses)[number];
export type SyncStatus = (typeof syncStatuses)[number];

/** Identifies one Kubernetes object: `group/kind/namespace/name` (group and namespace may be empty). */
export const resourceKeySchema = z.object({
  group: z.string(),
  kind: z.string(),
  namespace: z.string(),
  name: z.string(),
});
export type ResourceKey = z.infer<typeof resourceKeySchema>;

export const treeNodeSchema = z.object({
  /** `group/kind/namespace/name`, unique in the tree. */
  id: z.string(),
  key: resourceKeySchema,
  parentIds: z.array(z.string()),
  /** Managed by the application (in git), as opposed to a descendant created in the cluster. */
  managed: z.boolean(),
  health: healthSchema.nullable(),
  sync: z.enum(syncStatuses).nullable(),
  /** Short facts for the node's card: replicas, phase, image... */
  info: z.array(z.string()),
});
export type TreeNode = z.infer<typeof treeNodeSchema>;

export const resourceDiffSchema = z.object({
  id: z.string(),
  key: resourceKeySchema,
  status: z.enum(syncStatuses),
  /** missing (in git, not live), extraneous (live, not in git: requires pruning), changed. */
  reason: z.enum(['missing', 'extraneous', 'changed']).nullable(),
  requiresPruning: z.boolean(),
  hook: z.boolean(),
  /** JSON pointers of the fields that differ. */
  changedPaths: z.array(z.string()),
  /** Normalised desired and live objects as YAML ('' when absent); Secret values masked unless revealed. */
  desiredYaml: z.string(),
  liveYaml: z.string(),
  message: z.string().optional(),
});
export type ResourceDiff = z.infer<typeof resourceDiffSchema>;

export const kubeEventSchema = z.object({
  type: z.string(),
  reason: z.string(),
  message: z.string(),
  count: z.number(),
  lastSeen: z.string().nullable(),
  source: z.string().nullable(),
});
export type KubeEvent = z.infer<typeof kubeEventSchema>;

export const operationPhases = ['Running', 'Terminating', 'Failed', 'Error', 'Succeeded'] as const;
export const operationSchema = z.object({
  phase: z.enum(operationPhases),
  message: z.string(),
  dryRun: z.boolean(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  resources: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      namespace: z.string(),
      name: z.string(),
      phase: z.string(),
      wave: z.number(),
      status: z.enum(['Synced', 'SyncFailed', 'Pruned', 'PruneSkipped']).nullable(),
      hookPhase: z.string().nullable(),
      message: z.string(),
    }),
  ),
});
export type Operation = z.infer<typeof operationSchema>;

export const clusterStateSchema = z.object({
  context: z.string(),
  state: z.enum(['connecting', 'connected', 'degraded', 'unreachable']),
  reason: z.string().optional(),
});
export type ClusterState = z.infer<typeof clusterStateSchema>;

/** One sync window of the application's project that applies to it. */
export const syncWindowSummarySchema = z.object({
  kind: z.enum(['allow', 'deny']),
  schedule: z.string(),
  duration: z.string(),
  timeZone: z.string().nullable(),
  manualSync: z.boolean(),
  active: z.boolean(),
  /** When it opens (inactive) or closes (active) next. */
  changesAt: z.string().nullable(),
  /** Why it cannot be read; it then blocks. */
  problem: z.string().nullable(),
});

export const syncWindowStateSchema = z.object({
  /** Whether auto-sync and self-heal may sync now. */
  automated: z.boolean(),
  /** Whether a user's sync may run now. */
  manual: z.boolean(),
  /** Why a sync is blocked; null when nothing blocks. */
  message: z.string().nullable(),
  changesAt: z.string().nullable(),
  windows: z.array(syncWindowSummarySchema),
});
export type SyncWindowStatus = z.infer<typeof syncWindowStateSchema>;

export const appSummarySchema = z.object({
  name: z.string(),
  project: z.string(),
  sources: z.array(appSourceSummarySchema),
  destination: z.object({
    server: z.string().nullable(),
    name: z.string().nullable(),
    namespace: z.string().nullable(),
  }),
  /** `spec.info`, in its order. */
  info: z.array(appInfoSchema),
  /** The commit the first source resolved to, once known. */
  revision: z.string().nullable(),
  /** The workspace file the definition lives in. */
  file: z.string().nullable(),
  conditions: z.array(conditionSchema),
  phase: z.enum(appPhases),
  resourceCount: z.number().nullable(),
  autoSync: z.boolean(),
  health: healthSchema,
  sync: syncSchema,
  /** The last sync operation, once syncing exists. */
  lastSync: z
    .object({ phase: z.string(), finishedAt: z.string().nullable(), message: z.string().optional() })
    .nullable(),
  /** A rollback pinned the application to this revision; auto-sync is suspended until resumed. */
  pin: z.object({ revision: z.string(), since: z.string() }).nullable(),
  /** The cluster-side lease of the application's operations, when someone holds it. */
  lease: z.object({ holder: z.string(), heldByUs: z.boolean(), renewedAt: z.string().nullable() }).nullable(),
  /** Whether an operation is running now (its progress streams as apps.operation). */
  operationRunning: z.boolean(),
  /** What its project's sync windows allow now; null when none applies. */
  syncWindows: syncWindowStateSchema.nullable(),
  /** The statuses come from a snapshot (the cluster is away, or exists only as one); absent when live. */
  liveSource: liveSourceSchema.optional(),
  /** The ApplicationSet that generated it and owns it; absent for an application of a workspace file. */
  applicationSet: z.string().optional(),
  /** The application whose manifests define it (app of apps); absent otherwise. */
  parent: z.string().optional(),
});
export type AppSummary = z.infer<typeof appSummarySchema>;

export const kubeObjectSchema = z.record(z.string(), z.unknown());
export const appName = z.object({ name: z.string().min(1) }).strict();

/** Kinds a project allows or denies; null when the project does not set the list (which means
 * no cluster-scoped kind for the cluster whitelist, nothing denied for the blacklists and every
 * namespaced kind for the namespace whitelist). */
const groupKindListSchema = z.array(z.object({ group: z.string(), kind: z.string() })).nullable();

/** One sync window of a project, with what it applies to and its state now. */
export const projectSyncWindowSchema = syncWindowSummarySchema.extend({
  applications: z.array(z.string()),
  namespaces: z.array(z.string()),
  clusters: z.array(z.string()),
  /** It applies where all of its selectors match, not any. */
  andOperator: z.boolean(),
  description: z.string().nullable(),
});
export type ProjectSyncWindow = z.infer<typeof projectSyncWindowSchema>;

export const projectSummarySchema = z.object({
  name: z.string(),
  description: z.string().nullable(),
  sourceRepos: z.array(repoUrlSchema),
  destinations: z.array(
    z.object({
      server: z.string().nullable(),
      name: z.string().nullable(),
      namespace: z.string().nullable(),
    }),
  ),
  builtIn: z.boolean(),
  /** What is wrong with its definition; it then allows nothing until fixed. */
  conditions: z.array(conditionSchema),
  clusterResourceWhitelist: groupKindListSchema,
  clusterResourceBlacklist: groupKindListSchema,
  namespaceResourceWhitelist: groupKindListSchema,
  namespaceResourceBlacklist: groupKindListSchema,
  roles: z.array(z.object({ name: z.string(), description: z.string().nullable(), policies: z.number() })),
  /** The workspace's applications in the project. */
  applications: z.array(z.string()),
  syncWindows: z.array(projectSyncWindowSchema),
});
export type ProjectSummary = z.infer<typeof projectSummarySchema>;

export const workspaceInfoSchema = z.object({
  dir: z.string(),
  isGitRepository: z.boolean(),
  isDemo: z.boolean(),
  problems: z.array(conditionSchema),
});
export type WorkspaceInfo = z.infer<typeof workspaceInfoSchema>;

export const manifestsSchema = z.object({
  name: z.string(),
  revision: z.string().nullable(),
  sourceTypes: z.array(z.string()),
  /** Rendered objects; Secret values are masked. */
  objects: z.array(kubeObjectSchema),
});
export type Manifests = z.infer<typeof manifestsSchema>;

export const progressSchema = z.object({
  name: z.string(),
  stage: z.enum(['fetch', 'render']),
  message: z.string(),
  done: z.boolean(),
});

export const versionSchema = z.object({
  name: z.literal('Plumbline'),
  version: z.string(),
  node: z.string(),
  platform: z.string(),
  dataDir: z.string(),
});
export type VersionInfo = z.infer<typeof versionSchema>;
