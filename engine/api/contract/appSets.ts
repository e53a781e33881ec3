// The ApplicationSets area of the contract: each set of the workspace with its generators in
// words, the applications it owns and what went wrong, one set in detail (its applications'
// statuses, the parameters of each), and the preview of what generating a set — as it is, or as
// edited in the UI — would create, change or delete, before anything is written.
import { z } from 'zod';
import { appSummarySchema, conditionSchema } from './schemas.ts';

export const applicationsSyncPolicyNames = ['create-only', 'create-update', 'create-delete', 'sync'] as const;

const paramsSchema = z.record(z.string(), z.unknown());

/** One application's place in a progressive sync (RollingSync), as Argo CD's status.applicationStatus. */
export const rolloutAppStatusSchema = z.object({
  application: z.string(),
  status: z.enum(['Waiting', 'Pending', 'Progressing', 'Healthy']),
  message: z.string(),
  /** The 1-based step; "-1": no step selects it (it is synced by hand). */
  step: z.string(),
  targetRevisions: z.array(z.string()),
  lastTransitionTime: z.string(),
});
export type RolloutAppStatusSummary = z.infer<typeof rolloutAppStatusSchema>;

export const rolloutSummarySchema = z.object({
  steps: z.number(),
  /** Argo CD's RolloutProgressing condition: the step rolling out, or the rollout completed. */
  progressing: z.object({ active: z.boolean(), message: z.string() }),
  /** Argo CD's InvalidRolloutConfig message; null when the steps are configured correctly. */
  invalidConfig: z.string().nullable(),
  applications: z.array(rolloutAppStatusSchema),
});
export type RolloutSummary = z.infer<typeof rolloutSummarySchema>;

export const appSetSummarySchema = z.object({
  name: z.string(),
  /** The workspace file defining it; null once it left the workspace (its policy kept its applications). */
  file: z.string().nullable(),
  line: z.number().nullable(),
  /** The app-of-apps parent whose manifests define it (its file is the parent's); null: a workspace file. */
  parent: z.string().nullable().optional(),
  /** Each top-level generator in words. */
  generators: z.array(z.string()),
  policy: z.enum(applicationsSyncPolicyNames),
  preserveResourcesOnDeletion: z.boolean(),
  goTemplate: z.boolean(),
  /** The applications it owns now, by name. */
  applications: z.array(z.string()),
  /** Generator and template errors, name clashes, deletions that could not finish. */
  conditions: z.array(conditionSchema),
  /** The last generation that succeeded; null: none yet. */
  generatedAt: z.string().nullable(),
  /** When it is generated again on its own; null: when what it reads changes. */
  requeueAfterSeconds: z.number().nullable(),
  /** Its progressive sync (strategy RollingSync); null under AllAtOnce. */
  rollout: rolloutSummarySchema.nullable(),
});
export type AppSetSummary = z.infer<typeof appSetSummarySchema>;

export const previewEntrySchema = z.object({
  name: z.string(),
  action: z.enum(['create', 'update', 'delete', 'unchanged', 'keep']),
  note: z.string().nullable(),
  params: paramsSchema.nullable(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  patch: z.string(),
});
export type AppSetPreviewEntry = z.infer<typeof previewEntrySchema>;

export const appSetPreviewSchema = z.object({
  name: z.string(),
  /** Generation errors; when there are any, nothing would change. */
  errors: z.array(z.string()),
  entries: z.array(previewEntrySchema),
});
export type AppSetPreview = z.infer<typeof appSetPreviewSchema>;

const setName = z.object({ name: z.string().min(1) }).strict();

export const appSetCalls = {
  'appsets.list': { input: z.object({}).strict(), output: z.object({ sets: z.array(appSetSummarySchema) }) },
  'appsets.get': {
    input: setName,
    output: z.object({
      set: appSetSummarySchema,
      applications: z.array(appSummarySchema),
      /** The parameters each application was generated from. */
      params: z.record(z.string(), paramsSchema),
      /** The set as written in the workspace (to edit and preview); null once it left the workspace. */
      definition: z.record(z.string(), z.unknown()).nullable(),
    }),
  },
  /**
   * A set of the workspace by name, or the YAML text of a set (an edit not written yet); with
   * `files`, as if these edits of files its git generators read were committed.
   */
  'appsets.preview': {
    input: z
      .object({
        name: z.string().min(1).optional(),
        text: z
          .string()
          .max(10 * 1024 * 1024)
          .optional(),
        files: z
          .array(
            z
              .object({
                repoURL: z.string().min(1).max(2048),
                path: z.string().min(1).max(4096),
                text: z.string().max(1024 * 1024),
              })
              .strict(),
          )
          .max(20)
          .optional(),
      })
      .strict()
      .refine((input) => (input.name === undefined) !== (input.text === undefined), {
        message: 'give either name or text',
      }),
    output: appSetPreviewSchema,
  },
  /**
   * A file one of the set's git generators reads (`repoURL` must be one of theirs), at the
   * revision it reads, to edit and preview; null when there is no such file yet.
   */
  'appsets.file': {
    input: z
      .object({
        name: z.string().min(1).max(253),
        repoURL: z.string().min(1).max(2048),
        path: z.string().min(1).max(4096),
      })
      .strict(),
    output: z.object({ text: z.string().nullable() }),
  },
  /**
   * Writes an edited set (its YAML text) over the set's document in the workspace, a commit in a
   * git workspace; refused, writing nothing, when it renames the set or would not generate.
   */
  'appsets.save': {
    input: z
      .object({
        name: z.string().min(1).max(253),
        text: z
          .string()
          .min(1)
          .max(10 * 1024 * 1024),
      })
      .strict(),
    output: z.object({ file: z.string(), commit: z.string().nullable() }),
  },
  /**
   * The token a plugin generator's ConfigMap names (`$secret:key`), kept in the OS keychain;
   * null removes it. The sets with plugin or clusterDecisionResource generators generate again.
   */
  'appsets.secret': {
    input: z
      .object({
        secret: z.string().min(1).max(253),
        key: z.string().min(1).max(253),
        token: z
          .string()
          .min(1)
          .max(16 * 1024)
          .nullable(),
      })
      .strict(),
    output: z.object({ account: z.string(), stored: z.boolean() }),
  },
} as const;

export const appSetEvents = {
  /** The sets changed (generated again, new conditions): every set, as appsets.list gives them. */
  'appsets.changed': z.object({ sets: z.array(appSetSummarySchema) }),
} as const;
