// The live-resources area of the contract: a user's work on one object of an application's tree
// outside a sync — its resource actions (Argo CD's Lua actions and the built-in ones).
import { z } from 'zod';

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

export const resourceCalls = {
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
