import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { AppProject, Application } from '../../../engine/model/index.ts';
import { loadWorkspace } from '../../../engine/workspace/load.ts';
import {
  createApplication,
  createProject,
  deleteApplication,
  deleteProject,
  updateApplication,
  updateProject,
} from '../../../engine/workspace/writes.ts';
import { appYaml, makeWorkspace, projectYaml } from './fixtures.ts';

const commented = `# Guestbook, owned by the web team.
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: guestbook
  labels:
    team: web # who to page
spec:
  project: default
  source:
    repoURL: https://example.test/org/gitops.git
    targetRevision: main   # moves with main
    path: guestbook
    plumblineFuture: { keep: true }
  destination:
    server: https://kubernetes.default.svc
    namespace: guestbook
  syncPolicy:
    syncOptions:
    - CreateNamespace=true
`;

async function loadApp(dir: string, name: string): Promise<Application> {
  const found = (await loadWorkspace(dir)).applications.find((a) => a.name === name);
  if (!found?.definition) throw new Error(`no valid application ${name}`);
  return structuredClone(found.definition);
}

describe('application writes', () => {
  it('updates an application in place, keeping comments and fields Plumbline does not know', async () => {
    const dir = await makeWorkspace({ 'apps/guestbook.yaml': commented });
    const app = await loadApp(dir, 'guestbook');
    app.spec.source!.targetRevision = 'v1.2.0';
    app.spec.syncPolicy = { ...app.spec.syncPolicy, automated: { prune: true, selfHeal: true } };

    const result = await updateApplication(dir, app);

    expect(result).toEqual({ file: 'apps/guestbook.yaml', commit: null });
    const text = await readFile(join(dir, 'apps/guestbook.yaml'), 'utf8');
    expect(text).toContain('# Guestbook, owned by the web team.\n');
    expect(text).toContain('team: web # who to page\n');
    expect(text).toContain('targetRevision: v1.2.0 # moves with main\n');
    expect(text).toContain('plumblineFuture: { keep: true }\n');
    expect(text).toContain('  syncPolicy:\n    syncOptions:\n    - CreateNamespace=true\n    automated:\n');
    expect((await loadApp(dir, 'guestbook')).spec.syncPolicy?.automated).toEqual({
      prune: true,
      selfHeal: true,
    });
  });

  it('updates one document of a multi-document file and leaves its neighbours alone', async () => {
    const neighbour = appYaml('api').replace('path: api', "path: 'api'   # quoted on purpose");
    const dir = await makeWorkspace({ 'all.yaml': `${neighbour}---\n${commented}` });
    const app = await loadApp(dir, 'guestbook');
    app.spec.destination.namespace = 'web';
    await updateApplication(dir, app);
    const text = await readFile(join(dir, 'all.yaml'), 'utf8');
    expect(text.startsWith(`${neighbour}---\n# Guestbook`)).toBe(true);
    expect((await loadApp(dir, 'guestbook')).spec.destination.namespace).toBe('web');
  });

  it('creates a new application in applications/<name>.yaml and refuses a second one', async () => {
    const dir = await makeWorkspace({ 'apps/guestbook.yaml': commented });
    const app = parse(appYaml('shop')) as Application;
    expect(await createApplication(dir, app)).toEqual({ file: 'applications/shop.yaml', commit: null });
    expect(parse(await readFile(join(dir, 'applications/shop.yaml'), 'utf8'))).toEqual(app);
    const ws = await loadWorkspace(dir);
    expect(ws.applications.map((a) => [a.name, a.origin.file])).toEqual([
      ['shop', 'applications/shop.yaml'],
      ['guestbook', 'apps/guestbook.yaml'],
    ]);
    await expect(createApplication(dir, parse(appYaml('guestbook')))).rejects.toThrow(
      'application guestbook already exists in apps/guestbook.yaml:2',
    );
  });

  it('refuses an invalid application and names what is wrong', async () => {
    const dir = await makeWorkspace();
    const app = parse(appYaml('shop')) as Application;
    const { destination: _, ...specWithoutDestination } = app.spec;
    await expect(
      createApplication(dir, { ...app, spec: specWithoutDestination } as Application),
    ).rejects.toThrow(
      'invalid application shop: spec.destination: Invalid input: expected object, received undefined',
    );
    const badName = parse(appYaml('../escape')) as Application;
    await expect(createApplication(dir, badName)).rejects.toThrow(
      /invalid application \.\.\/escape: metadata\.name/,
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('repairs an application whose file is invalid', async () => {
    const broken = appYaml('fixme').replace(/ {2}destination:\n.*\n.*\n/, '');
    const dir = await makeWorkspace({ 'fixme.yaml': broken });
    const fixed = parse(appYaml('fixme')) as Application;
    await updateApplication(dir, fixed);
    const ws = await loadWorkspace(dir);
    expect(ws.applications[0]?.conditions).toEqual([]);
  });

  it('rejects an update of an application that does not exist', async () => {
    const dir = await makeWorkspace();
    await expect(updateApplication(dir, parse(appYaml('ghost')))).rejects.toThrow(
      'application ghost not found in the workspace',
    );
  });

  it('deletes an application: its document, or its file when it was alone', async () => {
    const dir = await makeWorkspace({
      'two.yaml': `${appYaml('a')}---\n${appYaml('b')}`,
      'c.yaml': appYaml('c'),
    });
    await deleteApplication(dir, 'a');
    await deleteApplication(dir, 'c');
    expect((await readdir(dir)).sort()).toEqual(['two.yaml']);
    expect(await readFile(join(dir, 'two.yaml'), 'utf8')).toBe(`---\n${appYaml('b')}`);
    expect((await loadWorkspace(dir)).applications.map((a) => a.name)).toEqual(['b']);
    await expect(deleteApplication(dir, 'a')).rejects.toThrow('application a not found in the workspace');
  });

  it('serialises concurrent writes to one file', async () => {
    const dir = await makeWorkspace({ 'two.yaml': `${appYaml('a')}---\n${appYaml('b')}` });
    const [a, b] = [await loadApp(dir, 'a'), await loadApp(dir, 'b')];
    a.spec.destination.namespace = 'changed-a';
    b.spec.destination.namespace = 'changed-b';
    await Promise.all([updateApplication(dir, a), updateApplication(dir, b)]);
    const namespaces = (await loadWorkspace(dir)).applications.map(
      (app) => app.definition?.spec.destination.namespace,
    );
    expect(namespaces).toEqual(['changed-a', 'changed-b']);
  });
});

describe('project writes', () => {
  it('creates, updates and deletes a project', async () => {
    const dir = await makeWorkspace();
    const project = parse(projectYaml('web')) as AppProject;
    expect((await createProject(dir, project)).file).toBe('projects/web.yaml');
    project.spec.description = 'Web team';
    await updateProject(dir, project);
    const loaded = (await loadWorkspace(dir)).projects.find((p) => p.name === 'web');
    expect(loaded?.definition?.spec.description).toBe('Web team');
    await deleteProject(dir, 'web');
    expect((await loadWorkspace(dir)).projects.map((p) => p.name)).toEqual(['default']);
  });

  it('writes the built-in default project to a file on its first update', async () => {
    const dir = await makeWorkspace();
    const project = (await loadWorkspace(dir)).projects[0]!.definition!;
    project.spec.sourceRepos = ['https://example.test/org/*'];
    expect((await updateProject(dir, project)).file).toBe('projects/default.yaml');
    const loaded = (await loadWorkspace(dir)).projects;
    expect(loaded.map((p) => [p.name, p.origin?.file])).toEqual([['default', 'projects/default.yaml']]);
    await expect(deleteProject(dir, 'nothing')).rejects.toThrow('project nothing not found in the workspace');
  });

  it('refuses to delete a project that applications still use', async () => {
    const dir = await makeWorkspace({
      'p.yaml': projectYaml('web'),
      'a.yaml': appYaml('a', { project: 'web' }),
    });
    await expect(deleteProject(dir, 'web')).rejects.toThrow('project web is used by application a');
    const dflt = await makeWorkspace();
    await expect(deleteProject(dflt, 'default')).rejects.toThrow('the default project is built in');
  });
});
