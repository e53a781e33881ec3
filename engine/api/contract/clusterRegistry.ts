// The cluster registry area of the contract: the registration wizard's steps (test the
// connection, check permissions, create Plumbline's service account), registering, editing and
// removing clusters. A candidate may carry a pasted token or kubeconfig into the engine; nothing
// leaves the engine with a credential: the token goes to the keychain at register, and a
// created service account's token stays in the engine behind an opaque id until then.
import { z } from 'zod';

/**
 * Which cluster a live cache, a connection and a cluster state belong to: a kubeconfig context
 * or a registered cluster. The kind is part of the key, so the two can never collide.
 */
export type ClusterRef = { kind: 'context' | 'registered'; name: string };

export function clusterKey(ref: ClusterRef): string {
  return `${ref.kind}:${ref.name}`;
}

export function parseClusterKey(key: string): ClusterRef {
  const colon = key.indexOf(':');
  const kind = key.slice(0, colon);
  if (kind !== 'context' && kind !== 'registered') throw new Error(`not a cluster key: ${key}`);
  return { kind, name: key.slice(colon + 1) };
}

const name = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[^\s]+$/, 'a cluster name has no spaces');
const labels = z.record(z.string().min(1), z.string());
const namespaces = z.array(z.string().min(1));

/** A cluster that might be registered, as the wizard's first step describes it. */
export const clusterCandidateSchema = z.discriminatedUnion('source', [
  /** A context of the kubeconfig files the engine reads (KUBECONFIG). */
  z.object({ source: z.literal('context'), context: z.string().min(1) }).strict(),
  /** A server URL, the CA that signed its certificate (base64 PEM or PEM) and a bearer token. */
  z
    .object({
      source: z.literal('token'),
      server: z.url(),
      caData: z.string().optional(),
      token: z.string().min(1),
    })
    .strict(),
  /** A kubeconfig file's text (dropped or pasted) and the context to take from it. */
  z
    .object({ source: z.literal('kubeconfig'), kubeconfig: z.string().min(1), context: z.string().min(1) })
    .strict(),
  /** The service account `clusters.createServiceAccount` just created, by its id. */
  z.object({ source: z.literal('serviceAccount'), id: z.string().min(1) }).strict(),
  /** A cluster already registered (to test it again). */
  z.object({ source: z.literal('registered'), name }).strict(),
]);
export type ClusterCandidate = z.infer<typeof clusterCandidateSchema>;

export const registeredClusterSchema = z.object({
  name: z.string(),
  /** The key of its live cache and connection state (see clusterKey). */
  key: z.string(),
  server: z.string(),
  hasCaData: z.boolean(),
  insecure: z.boolean(),
  labels: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.string()),
  /** null: the whole cluster. */
  namespaces: z.array(z.string()).nullable(),
  /** What kind of credential the keychain holds; never the credential. */
  authKind: z.string(),
  importedFrom: z.string().nullable(),
});
export type RegisteredCluster = z.infer<typeof registeredClusterSchema>;

export const connectionReportSchema = z.object({
  server: z.string(),
  reachable: z.boolean(),
  tlsTrusted: z.boolean(),
  authenticated: z.boolean(),
  serverVersion: z.string().nullable(),
  /** What went wrong, in plain words; null when it worked. */
  problem: z.string().nullable(),
});
export type ConnectionReport = z.infer<typeof connectionReportSchema>;

export const permissionReportSchema = z.object({
  checks: z.array(
    z.object({
      /** null: cluster-wide. */
      namespace: z.string().nullable(),
      verb: z.string(),
      allowed: z.boolean(),
      /** Denied in a namespace: what its SelfSubjectRulesReview allows the verb on all the same. */
      allowedOn: z.array(z.string()).optional(),
      /** The server could not list every rule: allowedOn may be short. */
      rulesIncomplete: z.boolean().optional(),
    }),
  ),
  /** One plain line per namespace (or cluster-wide, when no namespaces) with something missing. */
  missing: z.array(z.string()),
  /** Every verb a sync needs is allowed where Plumbline will work. */
  ok: z.boolean(),
});
export type PermissionReport = z.infer<typeof permissionReportSchema>;

const clusterOutput = z.object({ cluster: registeredClusterSchema });

export const clusterRegistryCalls = {
  'clusters.registered': {
    input: z.object({}).strict(),
    output: z.object({ clusters: z.array(registeredClusterSchema) }),
  },
  /** The contexts of a kubeconfig file's text, for the wizard's "drop a kubeconfig" choice. */
  'clusters.kubeconfigContexts': {
    input: z.object({ kubeconfig: z.string().min(1) }).strict(),
    output: z.object({
      contexts: z.array(z.object({ name: z.string(), server: z.string().nullable(), user: z.string() })),
    }),
  },
  'clusters.testConnection': {
    input: z.object({ candidate: clusterCandidateSchema }).strict(),
    output: connectionReportSchema,
  },
  /**
   * SelfSubjectAccessReviews for every verb a sync needs in the namespaces (none: cluster-wide);
   * where one says no, the namespace's SelfSubjectRulesReview tells what the verb is allowed on.
   */
  'clusters.checkPermissions': {
    input: z.object({ candidate: clusterCandidateSchema, namespaces }).strict(),
    output: permissionReportSchema,
  },
  /** As `argocd cluster add`: a ServiceAccount with a ClusterRole (or Roles) and a token. */
  'clusters.createServiceAccount': {
    input: z
      .object({
        candidate: clusterCandidateSchema,
        /** Roles in these namespaces; none: a ClusterRole over everything. */
        namespaces,
        serviceAccountNamespace: z.string().min(1).optional(),
        serviceAccountName: z.string().min(1).optional(),
      })
      .strict(),
    output: z.object({
      serviceAccount: z.string(),
      /** Use it as the candidate from now on; the token itself never leaves the engine. */
      candidate: clusterCandidateSchema,
    }),
  },
  'clusters.register': {
    input: z
      .object({
        candidate: clusterCandidateSchema,
        name,
        labels: labels.optional(),
        annotations: labels.optional(),
        /** The namespaces Plumbline may manage; none: the whole cluster. */
        namespaces: namespaces.optional(),
      })
      .strict(),
    output: clusterOutput,
  },
  'clusters.update': {
    input: z
      .object({
        name,
        newName: name.optional(),
        labels: labels.optional(),
        namespaces: namespaces.nullable().optional(),
      })
      .strict(),
    output: clusterOutput,
  },
  /**
   * New server address, TLS settings and credentials for a registered cluster, from a wizard
   * candidate (an expired token, a rotated certificate, a moved endpoint): the keychain entry is
   * replaced; name, labels and namespaces stay.
   */
  'clusters.reconnect': {
    input: z.object({ name, candidate: clusterCandidateSchema }).strict(),
    output: clusterOutput,
  },
  /** Unregisters the cluster and deletes its keychain entry. */
  'clusters.remove': { input: z.object({ name }).strict(), output: z.object({ removed: z.boolean() }) },
} as const;

export const clusterRegistryEvents = {
  'clusters.registryChanged': z.object({ clusters: z.array(registeredClusterSchema) }),
  /** What a cluster's exec plugin printed on stderr: a device-code login's prompt, a warning. */
  'clusters.pluginOutput': z.object({ cluster: z.string(), text: z.string() }),
} as const;
