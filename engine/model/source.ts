// Where an Application's manifests come from: `spec.source` / `spec.sources[]` with their helm,
// kustomize, directory and plugin options, as in Argo CD's ApplicationSource.
import { z } from 'zod';
import { stringMapSchema } from './meta.ts';

export const helmParameterSchema = z.looseObject({
  name: z.string().optional(),
  value: z.string().optional(),
  forceString: z.boolean().optional(),
});

export const helmOptionsSchema = z.looseObject({
  releaseName: z.string().optional(),
  valueFiles: z.array(z.string()).optional(),
  values: z.string().optional(),
  // Free-form values as a map; takes precedence over `values` in Argo CD.
  valuesObject: z.record(z.string(), z.unknown()).optional(),
  parameters: z.array(helmParameterSchema).optional(),
  fileParameters: z
    .array(z.looseObject({ name: z.string().optional(), path: z.string().optional() }))
    .optional(),
  version: z.string().optional(),
  passCredentials: z.boolean().optional(),
  ignoreMissingValueFiles: z.boolean().optional(),
  skipCrds: z.boolean().optional(),
  skipTests: z.boolean().optional(),
  skipSchemaValidation: z.boolean().optional(),
  namespace: z.string().optional(),
  kubeVersion: z.string().optional(),
  apiVersions: z.array(z.string()).optional(),
});
export type HelmOptions = z.infer<typeof helmOptionsSchema>;

export const kustomizeOptionsSchema = z.looseObject({
  namePrefix: z.string().optional(),
  nameSuffix: z.string().optional(),
  namespace: z.string().optional(),
  images: z.array(z.string()).optional(),
  commonLabels: stringMapSchema.optional(),
  commonAnnotations: stringMapSchema.optional(),
  forceCommonLabels: z.boolean().optional(),
  forceCommonAnnotations: z.boolean().optional(),
  commonAnnotationsEnvsubst: z.boolean().optional(),
  labelWithoutSelector: z.boolean().optional(),
  labelIncludeTemplates: z.boolean().optional(),
  // Argo CD's IntOrString: `count: 3` and `count: "3"` are both written by users.
  replicas: z
    .array(z.looseObject({ name: z.string(), count: z.union([z.number().int(), z.string()]) }))
    .optional(),
  patches: z
    .array(
      z.looseObject({
        path: z.string().optional(),
        patch: z.string().optional(),
        target: z.record(z.string(), z.string()).optional(),
        options: z.record(z.string(), z.boolean()).optional(),
      }),
    )
    .optional(),
  components: z.array(z.string()).optional(),
  ignoreMissingComponents: z.boolean().optional(),
  version: z.string().optional(),
  kubeVersion: z.string().optional(),
  apiVersions: z.array(z.string()).optional(),
});
export type KustomizeOptions = z.infer<typeof kustomizeOptionsSchema>;

const jsonnetVarSchema = z.looseObject({ name: z.string(), value: z.string(), code: z.boolean().optional() });

export const directoryOptionsSchema = z.looseObject({
  recurse: z.boolean().optional(),
  include: z.string().optional(),
  exclude: z.string().optional(),
  jsonnet: z
    .looseObject({
      extVars: z.array(jsonnetVarSchema).optional(),
      tlas: z.array(jsonnetVarSchema).optional(),
      libs: z.array(z.string()).optional(),
    })
    .optional(),
});
export type DirectoryOptions = z.infer<typeof directoryOptionsSchema>;

// A config management plugin's name, env and parameters; engine/render/plugin checks and uses them.
export const pluginOptionsSchema = z.looseObject({ name: z.string().optional() });

export const applicationSourceSchema = z.looseObject({
  repoURL: z.string(),
  targetRevision: z.string().optional(),
  path: z.string().optional(),
  chart: z.string().optional(),
  // In `sources[]`: names this source so others can read value files as `$<ref>/...`.
  ref: z.string().optional(),
  name: z.string().optional(),
  helm: helmOptionsSchema.optional(),
  kustomize: kustomizeOptionsSchema.optional(),
  directory: directoryOptionsSchema.optional(),
  plugin: pluginOptionsSchema.optional(),
});
export type ApplicationSource = z.infer<typeof applicationSourceSchema>;
