// The Argo CD `Application` (argoproj.io/v1alpha1): schema, type and the small helpers every
// engine part needs to read one the way Argo CD does.
import { z } from 'zod';
import { backoffDurationSchema } from './duration.ts';
import { argoprojObject, stringMapSchema } from './meta.ts';
import { applicationSourceSchema, type ApplicationSource } from './source.ts';

export const applicationDestinationSchema = z
  .looseObject({
    server: z.string().optional(),
    name: z.string().optional(),
    // Applies only to namespaced objects that do not name their own namespace.
    namespace: z.string().optional(),
  })
  .superRefine((destination, ctx) => {
    if (!destination.server && !destination.name) {
      ctx.addIssue({ code: 'custom', message: 'destination needs a server or a name' });
    } else if (destination.server && destination.name) {
      // Argo CD's own wording for the same refusal.
      ctx.addIssue({ code: 'custom', message: "destination can't have both name and server defined" });
    }
  });
export type ApplicationDestination = z.infer<typeof applicationDestinationSchema>;

export const retryStrategySchema = z.looseObject({
  // Negative means retry forever.
  limit: z.number().int().optional(),
  backoff: z
    .looseObject({
      duration: backoffDurationSchema.optional(),
      factor: z.number().optional(),
      maxDuration: backoffDurationSchema.optional(),
    })
    .optional(),
});
export type RetryStrategy = z.infer<typeof retryStrategySchema>;

export const syncPolicySchema = z.looseObject({
  automated: z
    .looseObject({
      prune: z.boolean().optional(),
      selfHeal: z.boolean().optional(),
      allowEmpty: z.boolean().optional(),
      enabled: z.boolean().optional(),
    })
    .optional(),
  syncOptions: z.array(z.string()).optional(),
  retry: retryStrategySchema.optional(),
  managedNamespaceMetadata: z
    .looseObject({ labels: stringMapSchema.optional(), annotations: stringMapSchema.optional() })
    .optional(),
});
export type SyncPolicy = z.infer<typeof syncPolicySchema>;

export const ignoreDifferencesSchema = z.array(
  z.looseObject({
    group: z.string().optional(),
    kind: z.string(),
    name: z.string().optional(),
    namespace: z.string().optional(),
    jsonPointers: z.array(z.string()).optional(),
    jqPathExpressions: z.array(z.string()).optional(),
    managedFieldsManagers: z.array(z.string()).optional(),
  }),
);
export type IgnoreDifferences = z.infer<typeof ignoreDifferencesSchema>;

export const applicationSpecSchema = z
  .looseObject({
    // Empty or absent means the `default` project, as in Argo CD.
    project: z.string().optional(),
    source: applicationSourceSchema.optional(),
    sources: z.array(applicationSourceSchema).optional(),
    destination: applicationDestinationSchema,
    syncPolicy: syncPolicySchema.optional(),
    ignoreDifferences: ignoreDifferencesSchema.optional(),
    revisionHistoryLimit: z.number().int().nonnegative().optional(),
    info: z.array(z.looseObject({ name: z.string(), value: z.string() })).optional(),
  })
  .superRefine((spec, ctx) => {
    if (!spec.source && !spec.sources?.length) {
      ctx.addIssue({ code: 'custom', message: 'spec.source or spec.sources is required' });
    }
  });
export type ApplicationSpec = z.infer<typeof applicationSpecSchema>;

export const applicationSchema = z.looseObject({
  ...argoprojObject('Application'),
  spec: applicationSpecSchema,
});
export type Application = z.infer<typeof applicationSchema>;

/** The application's sources as a list: `sources` when it has any (it wins, as in Argo CD), else `source`. */
export function appSources(app: Application): ApplicationSource[] {
  if (app.spec.sources?.length) return app.spec.sources;
  return app.spec.source ? [app.spec.source] : [];
}

export const DEFAULT_PROJECT = 'default';

/** The project an application belongs to; an empty `spec.project` means `default`. */
export function appProjectName(app: Application): string {
  return app.spec.project || DEFAULT_PROJECT;
}

/** True when auto-sync is on: `automated` is present and not switched off with `enabled: false`. */
export function isAutomatedSync(app: Application): boolean {
  const automated = app.spec.syncPolicy?.automated;
  return automated !== undefined && automated.enabled !== false;
}
