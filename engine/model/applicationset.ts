// The Argo CD `ApplicationSet`. Generators stay loosely typed records until engine/appset gives
// them shapes; the template stays as written because its strings hold `{{...}}` placeholders
// and only the rendered Application is checked against the Application schema.
import { z } from 'zod';
import { argoprojObject } from './meta.ts';

const looseRecord = z.record(z.string(), z.unknown());

export const applicationsSyncPolicies = ['create-only', 'create-update', 'create-delete', 'sync'] as const;

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
});
export type ApplicationSetSpec = z.infer<typeof applicationSetSpecSchema>;

export const applicationSetSchema = z.looseObject({
  ...argoprojObject('ApplicationSet'),
  spec: applicationSetSpecSchema,
});
export type ApplicationSet = z.infer<typeof applicationSetSchema>;
