// The history area of the contract: what was deployed when, and rolling an application back to
// an earlier commit (synced as a pinned revision, or reverted in git), with the preview of what
// will change and the lease that keeps two desktops from operating the same application.
import { z } from 'zod';
import { appName, appSummarySchema, operationSchema, repoUrlSchema, resourceDiffSchema } from './schemas.ts';

export const commitSchema = z.object({
  sha: z.string(),
  author: z.string(),
  email: z.string(),
  /** Author date, ISO 8601. */
  date: z.string(),
  message: z.string(),
});
export type Commit = z.infer<typeof commitSchema>;

export const historyEntrySchema = z.object({
  /** Increasing per application, never reused. */
  id: z.number().int(),
  /** The commit of each source, in source order. */
  revisions: z.array(z.string()),
  source: z.object({ repoURL: repoUrlSchema, path: z.string().nullable(), targetRevision: z.string() }),
  startedAt: z.string(),
  deployedAt: z.string(),
  /** `automated` for auto-sync and self-heal, otherwise who asked (user name of the desktop). */
  initiatedBy: z.object({ username: z.string().nullable(), automated: z.boolean() }),
  result: z.enum(['Succeeded', 'Failed', 'Error', 'Interrupted']),
  message: z.string(),
  /** The commit of the first source, when git could tell. */
  commit: commitSchema.nullable(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** Which revision a rollback goes to: a history entry, or any commit of the source's branch. */
const rollbackTarget = z
  .object({
    name: z.string().min(1),
    id: z.number().int().optional(),
    revision: z.string().min(1).optional(),
  })
  .strict()
  .refine((input) => (input.id === undefined) !== (input.revision === undefined), {
    message: 'give either id or revision',
  });

export const historyCalls = {
  'apps.history': { input: appName, output: z.object({ history: z.array(historyEntrySchema) }) },
  'apps.commits': {
    input: z.object({ name: z.string().min(1), limit: z.number().int().min(1).max(500).optional() }).strict(),
    output: z.object({ branch: z.string(), commits: z.array(commitSchema) }),
  },
  /** What a rollback to that revision would change, before anything is applied. */
  'apps.rollbackPreview': {
    input: rollbackTarget,
    output: z.object({ revision: z.string(), resources: z.array(resourceDiffSchema) }),
  },
  'apps.rollback': {
    input: z
      .object({
        name: z.string().min(1),
        id: z.number().int().optional(),
        revision: z.string().min(1).optional(),
        /** Commit a revert on the branch and push it instead of pinning the revision. */
        revertInGit: z.boolean().optional(),
        /** Also delete what the earlier revision does not have (as Argo CD's rollback --prune). */
        prune: z.boolean().optional(),
      })
      .strict()
      .refine((input) => (input.id === undefined) !== (input.revision === undefined), {
        message: 'give either id or revision',
      }),
    output: z.object({
      revision: z.string(),
      /** The revert commit pushed to the branch, with revertInGit. */
      revertCommit: z.string().nullable(),
      operation: operationSchema,
    }),
  },
  /** Ends a rollback pin: the application follows its branch again and auto-sync resumes. */
  'apps.resumeAutoSync': { input: appName, output: z.object({ app: appSummarySchema }) },
  /** Asks the running operation to stop; it finishes as Failed with what was done so far. */
  'apps.terminate': { input: appName, output: z.object({ terminating: z.boolean() }) },
} as const;

export const historyEvents = {} as const;
