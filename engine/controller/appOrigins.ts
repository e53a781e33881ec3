// Where the workspace's applications come from, merged into one list with one owner per name:
// the workspace's own files, ApplicationSets, and (next) the child applications of an "app of
// apps" parent. The files a user wrote win over every producer; among producers, the one that
// already owned a name keeps it (Argo CD refuses to take over an Application another controller
// owns), else the first producer in the order given. Every refused claim is a clash the losing
// producer shows as a condition — never a silent overwrite.
import { isDeepStrictEqual } from 'node:util';
import type { LoadedApplication } from '../workspace/index.ts';

export type AppOrigin =
  { kind: 'workspace' } | { kind: 'applicationSet'; name: string } | { kind: 'parent'; name: string };

export const originKey = (origin: AppOrigin): string =>
  origin.kind === 'workspace' ? 'workspace' : `${origin.kind}:${origin.name}`;

export function describeOrigin(origin: AppOrigin): string {
  if (origin.kind === 'workspace') return 'a workspace file';
  return origin.kind === 'applicationSet'
    ? `ApplicationSet ${origin.name}`
    : `the application ${origin.name} (app of apps)`;
}

/** An application of the merged list: where it came from. */
export interface OwnedApplication extends LoadedApplication {
  owner: AppOrigin;
}

export interface ProducedApplications {
  origin: AppOrigin;
  applications: LoadedApplication[];
  /** Told the merge's clashes (all of them), for producers that show their own refusals. */
  clashesFound?(clashes: readonly NameClash[]): void;
}

export interface NameClash {
  name: string;
  /** The producer whose claim was refused. */
  refused: AppOrigin;
  heldBy: AppOrigin;
}

export interface MergedApplications {
  applications: OwnedApplication[];
  clashes: NameClash[];
}

/**
 * One list from the workspace's files and every producer. `previousOwners` (name to originKey)
 * keeps a name with the producer that held it before, whatever order producers come in.
 */
export function mergeApplications(
  workspace: readonly LoadedApplication[],
  producers: readonly ProducedApplications[],
  previousOwners: ReadonlyMap<string, string> = new Map(),
): MergedApplications {
  const owners = new Map<string, OwnedApplication>();
  const clashes: NameClash[] = [];
  for (const app of workspace)
    if (!owners.has(app.name)) owners.set(app.name, { ...app, owner: { kind: 'workspace' } });
  const claims = new Map<string, Array<{ origin: AppOrigin; app: LoadedApplication }>>();
  for (const { origin, applications } of producers)
    for (const app of applications) {
      const list = claims.get(app.name) ?? [];
      list.push({ origin, app });
      claims.set(app.name, list);
    }
  for (const [name, list] of claims) {
    const held = owners.get(name);
    const previous = previousOwners.get(name);
    const winner = held ? null : (list.find((claim) => originKey(claim.origin) === previous) ?? list[0]!);
    if (winner) owners.set(name, { ...winner.app, owner: winner.origin });
    const holder = owners.get(name)!.owner;
    for (const claim of list)
      if (claim !== winner) clashes.push({ name, refused: claim.origin, heldBy: holder });
  }
  return { applications: [...owners.values()], clashes };
}

/** Who owns each name now, for the next merge. */
export const ownersOf = (merged: readonly OwnedApplication[]): Map<string, string> =>
  new Map(merged.map((app) => [app.name, originKey(app.owner)]));

/** The names added, changed (definition, origin or owner) and removed between two merges. */
export function mergedChanges(
  before: readonly OwnedApplication[],
  after: readonly OwnedApplication[],
  same: (a: OwnedApplication, b: OwnedApplication) => boolean,
): { added: string[]; changed: string[]; removed: string[] } {
  const old = new Map(before.map((app) => [app.name, app]));
  const now = new Map(after.map((app) => [app.name, app]));
  return {
    added: [...now.keys()].filter((name) => !old.has(name)),
    changed: [...now.keys()].filter((name) => old.has(name) && !same(old.get(name)!, now.get(name)!)),
    removed: [...old.keys()].filter((name) => !now.has(name)),
  };
}

/** The same definition from the same place and owner: nothing to render again. */
export const sameApplication = (a: OwnedApplication, b: OwnedApplication): boolean =>
  isDeepStrictEqual(a.raw, b.raw) &&
  isDeepStrictEqual(a.origin, b.origin) &&
  isDeepStrictEqual(a.conditions, b.conditions) &&
  originKey(a.owner) === originKey(b.owner);
