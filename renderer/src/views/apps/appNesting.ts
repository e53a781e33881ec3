// The list's order for "app of apps": each child right after its parent (and its parent's other
// children), indented by its depth. A child whose parent the filter hid stays where it is, at the
// top level, so filtering never hides a matching row.

import type { AppSummary } from '../../../../engine/api/contract.ts';

export interface NestedApp {
  app: AppSummary;
  /** 0 for a top-level application, 1 for a child of one, … */
  depth: number;
}

export function nestedUnderParents(apps: readonly AppSummary[]): NestedApp[] {
  const present = new Set(apps.map((app) => app.name));
  const children = new Map<string, AppSummary[]>();
  for (const app of apps)
    if (app.parent && app.parent !== app.name && present.has(app.parent))
      children.set(app.parent, [...(children.get(app.parent) ?? []), app]);
  const out: NestedApp[] = [];
  const placed = new Set<string>();
  const place = (app: AppSummary, depth: number) => {
    if (placed.has(app.name)) return; // a stale parent loop must not recurse forever
    placed.add(app.name);
    out.push({ app, depth });
    for (const child of children.get(app.name) ?? []) place(child, depth + 1);
  };
  for (const app of apps)
    if (!app.parent || app.parent === app.name || !present.has(app.parent)) place(app, 0);
  // whatever a loop of parents left unplaced still shows
  for (const app of apps) place(app, 0);
  return out;
}
