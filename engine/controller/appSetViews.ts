// How ApplicationSets and their applications look from outside: a set's summary for clients,
// and its generated applications as the merged application list takes them.
import type { AppSetSummary } from '../api/contract.ts';
import { applicationsSyncPolicy } from '../appset/applicationsSync.ts';
import { describeGenerator, requeueAfterSeconds } from '../appset/describe.ts';
import type { Application } from '../model/index.ts';
import type { LoadedApplication } from '../workspace/index.ts';
import type { AppSetRollouts } from './appSetRollouts.ts';
import type { SetState } from './appSets.ts';

/** A generated application (or one being deleted) as the merged list takes it. */
export function loadedOf(
  state: SetState,
  rollouts: AppSetRollouts,
  generated: Application,
  deleting: boolean,
): LoadedApplication {
  const app = rollouts.handed(state.loaded?.definition ?? state.definition, generated);
  return {
    name: app.metadata.name,
    origin: state.loaded?.origin ?? { file: '', documentIndex: 0, line: 0 },
    definition: app,
    raw: app as unknown as Record<string, unknown>,
    conditions: deleting
      ? [
          {
            type: 'DeletionError',
            message: `left ApplicationSet ${state.name}: being deleted with its resources`,
            file: state.loaded?.origin.file ?? '',
          },
        ]
      : [],
  };
}

/** A set as clients list it. */
export function setSummary(state: SetState, rollouts: AppSetRollouts): AppSetSummary {
  const set = state.loaded?.definition ?? state.definition;
  return {
    name: state.name,
    file: state.loaded?.origin.file ?? null,
    line: state.loaded?.origin.line ?? null,
    parent: state.parent,
    generators: set ? set.spec.generators.map(describeGenerator) : [],
    policy: set ? applicationsSyncPolicy(set) : 'sync',
    preserveResourcesOnDeletion: set?.spec.syncPolicy?.preserveResourcesOnDeletion === true,
    goTemplate: set?.spec.goTemplate === true,
    applications: state.record.applications.map((app) => app.metadata.name),
    conditions: [...state.problems, ...state.clashes],
    generatedAt: state.record.generatedAt,
    requeueAfterSeconds: set ? requeueAfterSeconds(set) : null,
    rollout: rollouts.summary(state.name, set, state.record),
  };
}
