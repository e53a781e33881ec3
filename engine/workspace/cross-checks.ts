// Checks that need the whole workspace: one definition per name, and every application's
// project exists and is valid. The `default` project is added here when no file defines it.
import { appProjectName, defaultProject, DEFAULT_PROJECT, type AppProject } from '../model/index.ts';
import type { Definitions } from './read-definitions.ts';
import type { DefinitionOrigin, LoadedDefinition, LoadedProject, Workspace } from './types.ts';

export function crossCheck(dir: string, found: Definitions): Workspace {
  const applications = keepFirstOfEachName('Application', found.applications);
  const projects = withDefaultProject(keepFirstOfEachName('AppProject', found.projects));
  const applicationSets = keepFirstOfEachName('ApplicationSet', found.applicationSets);
  checkProjectReferences(applications, projects, found.lineOfField);
  return { dir, applications, projects, applicationSets, problems: found.problems };
}

function where(origin: DefinitionOrigin): string {
  return `${origin.file}:${origin.line}`;
}

/**
 * Keeps the first definition of each name (files in path order) and gives it a condition naming
 * every file that defines the name, so nothing is synced from an ambiguous definition.
 */
function keepFirstOfEachName<T extends LoadedDefinition<unknown>>(kind: string, all: T[]): T[] {
  const byName = new Map<string, T[]>();
  for (const definition of all)
    byName.set(definition.name, [...(byName.get(definition.name) ?? []), definition]);
  return [...byName.values()].map(([first, ...others]) => {
    const kept = first!;
    for (const other of others) {
      kept.conditions.push({
        type: 'InvalidSpecError',
        message: `${kind} ${kept.name} is defined more than once: ${where(kept.origin)}, ${where(other.origin)}`,
        file: other.origin.file,
        line: other.origin.line,
      });
    }
    return kept;
  });
}

function withDefaultProject(projects: LoadedDefinition<AppProject>[]): LoadedProject[] {
  if (projects.some((project) => project.name === DEFAULT_PROJECT)) return projects;
  const definition = defaultProject();
  return [...projects, { name: DEFAULT_PROJECT, origin: null, definition, raw: definition, conditions: [] }];
}

function checkProjectReferences(
  applications: Workspace['applications'],
  projects: LoadedProject[],
  lineOfField: Definitions['lineOfField'],
): void {
  const byName = new Map(projects.map((project) => [project.name, project]));
  for (const app of applications) {
    if (!app.definition) continue;
    const name = appProjectName(app.definition);
    const project = byName.get(name);
    if (project?.definition) continue;
    app.conditions.push({
      type: 'InvalidSpecError',
      // Argo CD's wording when the project is missing.
      message: project
        ? `Application referencing project ${name} which is invalid (${where(project.origin!)})`
        : `Application referencing project ${name} which does not exist`,
      file: app.origin.file,
      line: lineOfField.get(app)?.(['spec', 'project']) ?? app.origin.line,
    });
  }
}
