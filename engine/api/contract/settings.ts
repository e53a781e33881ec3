// The settings area of the contract: what the Settings view shows and edits of the data folder's
// config.json. `null` in an update removes a setting (its default applies again). Lua health
// scripts (`resourceHealthChecks`) are listed, not edited here: they are edited in the file.
import { z } from 'zod';
import { noInput } from './schemas.ts';

const path = z.string().trim().min(1).nullable();

export const editableSettingsSchema = z.object({
  /** The workspace folder; null: the one Plumbline chooses (see workspace.info). */
  workspace: path,
  /** A folder in Argo CD's resource_customizations layout. */
  healthCustomizations: path,
  /** Binaries tried before PATH and the bundled tools. */
  tools: z.object({ helm: path, kubectl: path, kustomize: path }),
  /** Where operation leases live in each cluster; null: kube-system. */
  operationLeaseNamespace: z
    .string()
    .trim()
    .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'a namespace name: lowercase letters, digits and -')
    .nullable(),
  /** The registered cluster or context that `in-cluster` / https://kubernetes.default.svc means; null: none yet. */
  inClusterDestination: z.string().trim().min(1).max(253).nullable().optional(),
  /**
   * The SCM API URLs scmProvider and pullRequest generators may call (empty: any); a token is sent
   * only to these. Optional in an update; always present when read.
   */
  allowedScmProviders: z
    .array(z.url({ protocol: /^https?$/ }).max(2048))
    .max(1000)
    .optional(),
  /**
   * Argo CD's resource tracking: how deployed objects are marked and recognised (annotation, the
   * default; label; annotation+label) and the instance label's key (null: app.kubernetes.io/instance).
   * Optional in an update; always present when read.
   */
  application: z
    .object({
      resourceTrackingMethod: z.enum(['annotation', 'label', 'annotation+label']),
      instanceLabelKey: z.string().trim().min(1).max(317).nullable(),
    })
    .optional(),
  /** Argo CD's installationID, written beside the tracking annotation and required of tracked objects. */
  installationID: z.string().trim().min(1).max(253).nullable().optional(),
  /** Every application is compared again at least every period plus up to the jitter; 0: never. */
  reconciliation: z.object({
    periodSeconds: z.number().int().nonnegative(),
    jitterSeconds: z.number().int().nonnegative(),
  }),
  /** Author of the commits Plumbline makes (revert in git); null: the desktop user. */
  gitAuthor: z.object({ name: z.string().trim().min(1).nullable(), email: z.email().nullable() }),
  /**
   * Render limits, and whether a render may fetch remote kustomize bases (git or http
   * `resources`/`components`) or remote `$ref`s of chart schemas. Both are off by default; Argo CD
   * allows remote kustomize bases by default. Optional in an update; always present when read.
   */
  render: z
    .object({
      allowRemoteKustomizeBases: z.boolean(),
      allowRemoteSchemaRefs: z.boolean(),
      maxOutputMegabytes: z.number().positive(),
      maxObjects: z.number().int().positive(),
      maxToolMemoryMegabytes: z.number().positive(),
    })
    .optional(),
});
export type EditableSettings = z.infer<typeof editableSettingsSchema>;

export const settingsViewSchema = z.object({
  /** The settings file. */
  path: z.string(),
  settings: editableSettingsSchema,
  /** Environment variables that override a setting while set, by setting. */
  fromEnvironment: z.object({
    workspace: z.string().nullable(),
    healthCustomizations: z.string().nullable(),
  }),
  /** The kinds with a Lua health script in the file (`<group>/<kind>`). */
  resourceHealthChecks: z.array(z.string()),
  /** Why the file could not be read (then defaults apply); null when it could. */
  problem: z.string().nullable(),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

export const settingsCalls = {
  'settings.get': { input: noInput, output: settingsViewSchema },
  /** Changes the settings given and applies them at once (a new workspace is opened). */
  'settings.update': { input: editableSettingsSchema.partial().strict(), output: settingsViewSchema },
} as const;

export const settingsEvents = {
  /** The settings changed, here or in the file. */
  'settings.changed': settingsViewSchema,
} as const;
