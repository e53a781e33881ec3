// The blast radius of a set before anything is written: what generating it now would do to the
// applications it has (created, updated, deleted, kept by its policy), with the unified diff of
// each definition. A set that does not generate changes nothing, and says why.
import { createTwoFilesPatch } from 'diff';
import { stringify } from 'yaml';
import type { Application, ApplicationSet } from '../model/index.ts';
import { planApplicationsSync } from './applicationsSync.ts';
import { generateApplications, type GenerateOptions } from './generate.ts';
import { keepIgnoredFields } from './ignoreAppDifferences.ts';
import type { Params } from './params.ts';

export type PreviewAction = 'create' | 'update' | 'delete' | 'unchanged' | 'keep';

export interface PreviewEntry {
  name: string;
  action: PreviewAction;
  /** Why, in a few words: the policy keeping a definition, the resources pruned with a deletion. */
  note: string | null;
  params: Params | null;
  /** The definition as it is now (null: none) and as it would be. */
  before: string | null;
  after: string | null;
  /** Unified diff from `before` to `after`; empty when they are the same. */
  patch: string;
}

export interface SetPreview {
  name: string;
  /** Generation errors: when there are any, nothing would change. */
  errors: string[];
  entries: PreviewEntry[];
}

const yamlOf = (app: Application | undefined): string | null => (app ? stringify(app) : null);

function entry(
  name: string,
  action: PreviewAction,
  before: Application | undefined,
  after: Application | undefined,
  params: Params | null,
  note: string | null = null,
): PreviewEntry {
  const from = yamlOf(before);
  const to = yamlOf(after);
  const patch =
    from === to
      ? ''
      : createTwoFilesPatch(`${name} (now)`, `${name} (generated)`, from ?? '', to ?? '', '', '', {
          context: 3,
        });
  return { name, action, note, params, before: from, after: to, patch };
}

/** Compares what the set generates now with `current`, its applications as they stand. */
export async function previewApplicationSet(
  set: ApplicationSet,
  current: readonly Application[],
  options: GenerateOptions,
): Promise<SetPreview> {
  let generated: Awaited<ReturnType<typeof generateApplications>>;
  let desired: Application[];
  try {
    generated = await generateApplications(set, options);
    desired = await keepIgnoredFields(
      set,
      current,
      generated.map((app) => app.application),
    );
  } catch (error) {
    return { name: set.metadata.name, errors: [(error as Error).message], entries: [] };
  }
  const plan = planApplicationsSync(set, current, desired);
  const was = new Map(current.map((app) => [app.metadata.name, app]));
  const next = new Map(plan.next.map((app) => [app.metadata.name, app]));
  const wanted = new Map(generated.map((app) => [app.name, app]));
  const paramsOf = (name: string) => wanted.get(name)?.params ?? null;
  const entries: PreviewEntry[] = [
    ...plan.created.map((name) => entry(name, 'create', undefined, next.get(name), paramsOf(name))),
    ...plan.updated.map((name) => entry(name, 'update', was.get(name), next.get(name), paramsOf(name))),
    ...plan.keptByPolicy.map((name) =>
      entry(
        name,
        'keep',
        was.get(name),
        wanted.get(name)?.application,
        paramsOf(name),
        `generated differently; the policy ${set.spec.syncPolicy?.applicationsSync} does not update it`,
      ),
    ),
    ...plan.deleted.map(({ name, application, pruneResources }) =>
      entry(
        name,
        'delete',
        application,
        undefined,
        null,
        pruneResources ? 'its resources are deleted too' : 'its resources are kept in the cluster',
      ),
    ),
    ...plan.orphaned.map((name) =>
      entry(
        name,
        'keep',
        was.get(name),
        was.get(name),
        null,
        `no longer generated; the policy ${set.spec.syncPolicy?.applicationsSync} does not delete it`,
      ),
    ),
    ...plan.unchanged.map((name) => entry(name, 'unchanged', was.get(name), next.get(name), paramsOf(name))),
  ];
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { name: set.metadata.name, errors: [], entries };
}
