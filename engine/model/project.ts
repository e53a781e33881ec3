// The Argo CD `AppProject`: which sources, destinations and kinds its applications may use,
// its roles and its sync windows. Plumbline's policy gate reads it; here it is only read and checked.
import { z } from 'zod';
import { DEFAULT_PROJECT } from './application.ts';
import { ARGOPROJ_API_VERSION, argoprojObject, groupKindSchema } from './meta.ts';

export const projectDestinationSchema = z.looseObject({
  server: z.string().optional(),
  name: z.string().optional(),
  namespace: z.string().optional(),
});

export const projectRoleSchema = z.looseObject({
  name: z.string(),
  description: z.string().optional(),
  // Casbin lines: `p, proj:<project>:<role>, applications, <action>, <project>/<app>, allow|deny`.
  policies: z.array(z.string()).optional(),
  groups: z.array(z.string()).optional(),
});
export type ProjectRole = z.infer<typeof projectRoleSchema>;

export const syncWindowSchema = z.looseObject({
  kind: z.enum(['allow', 'deny']),
  // Five-field cron and a Go duration, both checked by the policy code that evaluates them: as
  // in Argo CD, one that cannot be read makes its window invalid, not the whole project.
  schedule: z.string(),
  duration: z.string(),
  applications: z.array(z.string()).optional(),
  namespaces: z.array(z.string()).optional(),
  clusters: z.array(z.string()).optional(),
  manualSync: z.boolean().optional(),
  timeZone: z.string().optional(),
  andOperator: z.boolean().optional(),
  description: z.string().optional(),
  syncOverrun: z.boolean().optional(),
});
export type SyncWindow = z.infer<typeof syncWindowSchema>;

export const appProjectSpecSchema = z.looseObject({
  description: z.string().optional(),
  sourceRepos: z.array(z.string()).optional(),
  destinations: z.array(projectDestinationSchema).optional(),
  clusterResourceWhitelist: z.array(groupKindSchema).optional(),
  clusterResourceBlacklist: z.array(groupKindSchema).optional(),
  namespaceResourceWhitelist: z.array(groupKindSchema).optional(),
  namespaceResourceBlacklist: z.array(groupKindSchema).optional(),
  orphanedResources: z
    .looseObject({
      warn: z.boolean().optional(),
      ignore: z
        .array(
          z.looseObject({
            group: z.string().optional(),
            kind: z.string().optional(),
            name: z.string().optional(),
          }),
        )
        .optional(),
    })
    .optional(),
  roles: z.array(projectRoleSchema).optional(),
  syncWindows: z.array(syncWindowSchema).optional(),
  // GnuPG keys one of which must have signed a revision before it is synced (engine/policy/signatureKeys.ts).
  signatureKeys: z.array(z.looseObject({ keyID: z.string() })).optional(),
});
export type AppProjectSpec = z.infer<typeof appProjectSpecSchema>;

export const appProjectSchema = z.looseObject({
  ...argoprojObject('AppProject'),
  spec: appProjectSpecSchema,
});
export type AppProject = z.infer<typeof appProjectSchema>;

/** The project Argo CD creates when none named `default` exists: anything from anywhere to anywhere. */
export function defaultProject(): AppProject {
  return {
    apiVersion: ARGOPROJ_API_VERSION,
    kind: 'AppProject',
    metadata: { name: DEFAULT_PROJECT },
    spec: {
      sourceRepos: ['*'],
      destinations: [{ server: '*', namespace: '*' }],
      clusterResourceWhitelist: [{ group: '*', kind: '*' }],
    },
  };
}
