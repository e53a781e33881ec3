// The live-resources area of the contract: a user's work on one object of an application's tree
// outside a sync — its resource actions (Argo CD's Lua actions and the built-in ones), deleting
// and editing it — and the application's events.
import { z } from 'zod';
import { kubeEventSchema } from './schemas.ts';

/** An object of the application's tree: its tree id, or its kind and name (group, namespace to disambiguate). */
export const resourceRefSchema = z.union([
  z.object({ id: z.string().min(1).max(1024) }).strict(),
  z
    .object({
      group: z.string().max(253).optional(),
      kind: z.string().min(1).max(63),
      namespace: z.string().max(253).optional(),
      name: z.string().min(1).max(253),
    })
    .strict(),
]);

export const resourceActionSchema = z.object({
  name: z.string(),
  disabled: z.boolean(),
  iconClass: z.string().optional(),
  displayName: z.string().optional(),
  params: z.array(
    z.object({ name: z.string(), type: z.string().optional(), default: z.string().optional() }),
  ),
  source: z.enum(['builtin', 'lua']),
});
export type ResourceActionInfo = z.infer<typeof resourceActionSchema>;

export const writtenResourceSchema = z.object({
  operation: z.enum(['patch', 'create']),
  group: z.string(),
  kind: z.string(),
  namespace: z.string(),
  name: z.string(),
  changed: z.boolean(),
});

/** A Kubernetes Event of one of the application's objects, or a user's work on one. */
export const appEventSchema = kubeEventSchema.extend({
  /** The tree id of the object it concerns. */
  object: z.string().nullable(),
  /** `cluster`: a Kubernetes Event; `plumbline`: what a user did here (an action, a delete, an edit). */
  origin: z.enum(['cluster', 'plumbline']),
});
export type AppEvent = z.infer<typeof appEventSchema>;

export const propagationSchema = z.enum(['foreground', 'background', 'orphan']);

export const orphanSchema = z.object({
  id: z.string(),
  group: z.string(),
  kind: z.string(),
  namespace: z.string(),
  name: z.string(),
});

export const resourceCalls = {
  /** Objects of the destination namespace no application tracks, when the project asks (orphanedResources). */
  'apps.orphans': {
    input: z.object({ name: z.string().min(1) }).strict(),
    output: z.object({
      enabled: z.boolean(),
      warn: z.boolean(),
      namespace: z.string(),
      orphans: z.array(orphanSchema),
    }),
  },
  /** The Kubernetes Events of the application's objects and the users' work on them, newest first. */
  'apps.events': {
    input: z.object({ name: z.string().min(1) }).strict(),
    output: z.object({ events: z.array(appEventSchema) }),
  },
  /** Deletes one live object of the tree; `force` deletes with a grace period of 0. */
  'resources.delete': {
    input: z
      .object({
        name: z.string().min(1),
        resource: resourceRefSchema,
        propagation: propagationSchema.optional(),
        force: z.boolean().optional(),
      })
      .strict(),
    output: z.object({ deleted: z.boolean() }),
  },
  /** The object as the editor shows it (no managedFields); Secrets are refused. */
  'resources.manifest': {
    input: z.object({ name: z.string().min(1), resource: resourceRefSchema }).strict(),
    output: z.object({ yaml: z.string(), editable: z.boolean() }),
  },
  /** Applies an edited manifest as a merge patch: a server dry run first (dryRun), then for real. */
  'resources.edit': {
    input: z
      .object({
        name: z.string().min(1),
        resource: resourceRefSchema,
        yaml: z.string().max(4 * 1024 * 1024),
        dryRun: z.boolean(),
      })
      .strict(),
    output: z.object({
      liveYaml: z.string(),
      resultYaml: z.string(),
      changed: z.boolean(),
      dryRun: z.boolean(),
    }),
  },
  'resources.actions.list': {
    input: z.object({ name: z.string().min(1), resource: resourceRefSchema }).strict(),
    output: z.object({ actions: z.array(resourceActionSchema) }),
  },
  /** Runs an action with the user's credentials, through the project's rules; recorded in the app's events. */
  'resources.actions.run': {
    input: z
      .object({
        name: z.string().min(1),
        resource: resourceRefSchema,
        action: z.string().min(1).max(63),
        params: z.record(z.string(), z.string()).optional(),
      })
      .strict(),
    output: z.object({ resources: z.array(writtenResourceSchema) }),
  },
} as const;

export const resourceEvents = {} as const;
