// The deletion area of the contract: deleting an application as Argo CD does — its objects with
// the propagation its finalizer or the user chose (or left in place), its PreDelete and
// PostDelete hooks run, `Delete=false` objects kept, `Delete=confirm` ones only once confirmed —
// and the plan the dialog shows before anything is deleted.
import { z } from 'zod';

export const cascadeSchema = z.enum(['foreground', 'background', 'orphan']);

const deletionInput = z
  .object({
    name: z.string().min(1),
    /** The user's choice; without it the definition's finalizer decides (none: orphan). */
    cascade: cascadeSchema.optional(),
  })
  .strict();

export const deletionObjectSchema = z.object({
  /** `group/kind/namespace/name`. */
  id: z.string(),
  kind: z.string(),
  namespace: z.string(),
  name: z.string(),
  wave: z.number(),
  /** `Delete=confirm`: deleted only once the user confirmed it. */
  needsConfirmation: z.boolean(),
  /** Why it stays, for an object that is not deleted. */
  keptBecause: z.string().nullable(),
});
export type DeletionObject = z.infer<typeof deletionObjectSchema>;

export const deletionPlanSchema = z.object({
  cascade: cascadeSchema,
  /** Where the cascade came from: the user's choice or the definition's finalizer. */
  chosenBy: z.enum(['request', 'finalizer']),
  /** Foreground / Background; null when the objects stay. */
  propagationPolicy: z.string().nullable(),
  /** What will be deleted (empty for orphan), highest sync wave first. */
  deleted: z.array(deletionObjectSchema),
  /** Live objects of the application that stay, with the reason. */
  kept: z.array(deletionObjectSchema),
  /** Hooks created before anything is deleted and after everything is. */
  preDeleteHooks: z.array(deletionObjectSchema),
  postDeleteHooks: z.array(deletionObjectSchema),
  /** Why the plan could not see the cluster or git (then it lists only what it knows). */
  warnings: z.array(z.string()),
});
export type DeletionPlan = z.infer<typeof deletionPlanSchema>;

export const appDeletionCalls = {
  'apps.deletionPlan': { input: deletionInput, output: z.object({ plan: deletionPlanSchema }) },
  'apps.delete': {
    input: deletionInput.extend({
      /** The user confirmed the `Delete=confirm` objects too. */
      confirmDelete: z.boolean().optional(),
    }),
    output: z.object({
      deleted: z.boolean(),
      plan: deletionPlanSchema.optional(),
      /** The commit that removed the definition, in a git workspace. */
      commit: z.string().nullable().optional(),
    }),
  },
} as const;
