// The podSessions area of the contract: the log of a pod's container, streamed, and a terminal
// in a container. Both are sessions the engine keeps open: they end when the client stops them,
// when the client's connection closes, or when the engine closes, and say so with an event.
// Only pods of an application's resource tree can be opened, with the user's own RBAC.
import { z } from 'zod';

/** A pod of an application: its resource id as `apps.tree` gives it (`/Pod/namespace/name`). */
const appPod = {
  name: z.string().min(1),
  id: z.string().min(1),
  /** The pod's first container when absent. */
  container: z.string().min(1).optional(),
};

const sessionId = z.string().min(1);

/** What a session opened on: the container chosen and every container the pod has. */
const openedOn = {
  container: z.string(),
  containers: z.array(z.string()),
};

export const podSessionCalls = {
  /** Streams a container's log: `pods.logs.chunk` events, then one `pods.logs.end`. */
  'pods.logs.start': {
    input: z
      .object({
        ...appPod,
        /** Keep streaming as the container writes. */
        follow: z.boolean(),
        /** The container's previous run (after a restart or crash). */
        previous: z.boolean().optional(),
        /** Only the last lines; the whole log when absent. */
        tailLines: z.number().int().min(1).max(1_000_000).optional(),
        /** Only the lines written in the last so many seconds (at most ten years). */
        sinceSeconds: z.number().int().min(1).max(315_360_000).optional(),
        timestamps: z.boolean().optional(),
      })
      .strict(),
    output: z.object({ streamId: sessionId, ...openedOn }),
  },
  'pods.logs.stop': {
    input: z.object({ streamId: sessionId }).strict(),
    output: z.object({ stopped: z.boolean() }),
  },
  /** Opens a terminal (a TTY) in a container: `pods.exec.output` events, then one `pods.exec.exit`. */
  'pods.exec.start': {
    input: z
      .object({
        ...appPod,
        /** The shell found in the container (bash, else sh) when absent. */
        command: z.array(z.string().min(1)).min(1).optional(),
        cols: z.number().int().min(1).max(1000),
        rows: z.number().int().min(1).max(1000),
      })
      .strict(),
    output: z.object({ sessionId, ...openedOn }),
  },
  /** Keystrokes (or pasted text) for the terminal. */
  'pods.exec.input': {
    input: z.object({ sessionId, data: z.string().max(65_536) }).strict(),
    output: z.object({}),
  },
  'pods.exec.resize': {
    input: z
      .object({ sessionId, cols: z.number().int().min(1).max(1000), rows: z.number().int().min(1).max(1000) })
      .strict(),
    output: z.object({}),
  },
  'pods.exec.stop': {
    input: z.object({ sessionId }).strict(),
    output: z.object({ stopped: z.boolean() }),
  },
} as const;

export const podSessionEvents = {
  /** Whole lines, in order, batched. */
  'pods.logs.chunk': z.object({ streamId: sessionId, lines: z.array(z.string()) }),
  /** The stream is over: the log ended, the client stopped it, or it failed (`failed`). */
  'pods.logs.end': z.object({ streamId: sessionId, reason: z.string(), failed: z.boolean() }),
  /** What the terminal shows (stdout and stderr, as the TTY merges them). */
  'pods.exec.output': z.object({ sessionId, data: z.string() }),
  /** The process ended (`code` when the server told it) or the connection did. */
  'pods.exec.exit': z.object({ sessionId, code: z.number().int().nullable(), message: z.string() }),
} as const;
