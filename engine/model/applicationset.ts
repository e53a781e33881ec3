// The Argo CD `ApplicationSet`. Generators stay loosely typed records until engine/appset gives
// them shapes; the template stays as written because its strings hold `{{...}}` placeholders
// and only the rendered Application is checked against the Application schema.
import { z } from 'zod';
import { argoprojObject } from './meta.ts';

const looseRecord = z.record(z.string(), z.unknown());

export const applicationsSyncPolicies = ['create-only', 'create-update', 'create-delete', 'sync'] as const;

/** Go's int32: Argo CD reads an integer maxUpdate as an IntOrString, a string as itself. */
const intOrString = z.union([
  z
    .number()
    .int()
    .min(-(2 ** 31))
    .max(2 ** 31 - 1),
  z.string(),
]);

/** `spec.strategy`: how generated applications are rolled out (progressive syncs). */
export const appSetStrategySchema = z.looseObject({
  type: z.string().optional(),
  deletionOrder: z.string().optional(),
  rollingSync: z
    .looseObject({
      steps: z
        .array(
          z.looseObject({
            matchExpressions: z
              .array(
                z.looseObject({
                  key: z.string().optional(),
                  operator: z.string().optional(),
                  values: z.array(z.string()).optional(),
                }),
              )
              .optional(),
            maxUpdate: intOrString.optional(),
          }),
        )
        .optional(),
    })
    .optional(),
});
export type AppSetStrategy = z.infer<typeof appSetStrategySchema>;

export const applicationSetSpecSchema = z.looseObject({
  generators: z.array(looseRecord),
  template: z.looseObject({
    metadata: z.looseObject({ name: z.string().optional() }),
    spec: looseRecord,
  }),
  goTemplate: z.boolean().optional(),
  goTemplateOptions: z.array(z.string()).optional(),
  templatePatch: z.string().optional(),
  syncPolicy: z
    .looseObject({
      applicationsSync: z.enum(applicationsSyncPolicies).optional(),
      preserveResourcesOnDeletion: z.boolean().optional(),
    })
    .optional(),
  strategy: appSetStrategySchema.optional(),
});
export type ApplicationSetSpec = z.infer<typeof applicationSetSpecSchema>;

export const applicationSetSchema = z.looseObject({
  ...argoprojObject('ApplicationSet'),
  spec: applicationSetSpecSchema,
});
export type ApplicationSet = z.infer<typeof applicationSetSchema>;
