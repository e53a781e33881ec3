import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../../engine/workspace/load.ts';
import { appYaml, makeWorkspace, projectYaml } from './fixtures.ts';

const appSet = `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: per-team
spec:
  generators:
    - list: { elements: [{ team: web }] }
  template:
    metadata: { name: '{{team}}' }
    spec:
      project: default
      source: { repoURL: 'https://example.test/{{team}}.git', path: . }
      destination: { server: https://kubernetes.default.svc, namespace: '{{team}}' }
`;

describe('loadWorkspace', () => {
  it('reads definitions from any depth, .yaml and .yml, several to a file, and says where each came from', async () => {
    const dir = await makeWorkspace({
      'apps/guestbook.yaml': appYaml('guestbook'),
      'apps/team/web.yml': `${appYaml('web', { project: 'web' })}---\n${appYaml('api', { project: 'web' })}`,
      'projects.yaml': projectYaml('web'),
      'appsets/per-team.yaml': appSet,
      'README.md': '# not yaml',
      'kustomization.yaml': 'resources: [apps/guestbook.yaml]\n',
      'other/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\n',
    });
    const ws = await loadWorkspace(dir);
    expect(ws.problems).toEqual([]);
    expect(ws.applications.map((a) => [a.name, a.origin])).toEqual([
      ['guestbook', { file: 'apps/guestbook.yaml', documentIndex: 0, line: 1 }],
      ['web', { file: 'apps/team/web.yml', documentIndex: 0, line: 1 }],
      ['api', { file: 'apps/team/web.yml', documentIndex: 1, line: 15 }],
    ]);
    expect(ws.applications.every((a) => a.conditions.length === 0 && a.definition !== null)).toBe(true);
    expect(ws.applicationSets.map((a) => a.name)).toEqual(['per-team']);
    expect(ws.projects.map((p) => p.name).sort()).toEqual(['default', 'web']);
  });

  it('has a built-in default project unless the workspace defines one', async () => {
    const builtIn = await loadWorkspace(await makeWorkspace({ 'a.yaml': appYaml('a') }));
    const project = builtIn.projects.find((p) => p.name === 'default');
    expect(project?.origin).toBeNull();
    expect(project?.definition?.spec.sourceRepos).toEqual(['*']);

    const own = projectYaml('default').replace(
      "sourceRepos: ['*']",
      'sourceRepos: [https://example.test/only.git]',
    );
    const defined = await loadWorkspace(await makeWorkspace({ 'a.yaml': appYaml('a'), 'p.yaml': own }));
    expect(defined.projects).toHaveLength(1);
    expect(defined.projects[0]?.origin?.file).toBe('p.yaml');
    expect(defined.projects[0]?.definition?.spec.sourceRepos).toEqual(['https://example.test/only.git']);
  });

  it('turns a missing destination into an InvalidSpecError on that application only', async () => {
    const broken = appYaml('broken').replace(/ {2}destination:\n.*\n.*\n/, '');
    const ws = await loadWorkspace(await makeWorkspace({ 'a.yaml': appYaml('good'), 'b.yaml': broken }));
    const good = ws.applications.find((a) => a.name === 'good');
    const bad = ws.applications.find((a) => a.name === 'broken');
    expect(good?.conditions).toEqual([]);
    expect(bad?.definition).toBeNull();
    expect(bad?.raw).toMatchObject({ spec: { project: 'default' } });
    expect(bad?.conditions).toEqual([
      {
        type: 'InvalidSpecError',
        message: 'spec.destination: Invalid input: expected object, received undefined',
        file: 'b.yaml',
        line: 5,
      },
    ]);
  });

  it('points an invalid field at its own line', async () => {
    const broken = appYaml('x').replace('targetRevision: HEAD', 'targetRevision: [HEAD]');
    const ws = await loadWorkspace(await makeWorkspace({ 'x.yaml': `# comment\n${broken}` }));
    expect(ws.applications[0]?.conditions[0]).toMatchObject({ file: 'x.yaml', line: 10 });
    expect(ws.applications[0]?.conditions[0]?.message).toMatch(/^spec\.source\.targetRevision: /);
  });

  it('reports YAML that does not parse with its line and column, and still loads the rest', async () => {
    const ws = await loadWorkspace(
      await makeWorkspace({
        'bad.yaml': `${appYaml('first')}---\nkind: Application\nmetadata:\n  name: x\n  - y\n`,
        'good.yaml': appYaml('good'),
      }),
    );
    expect(ws.applications.map((a) => a.name)).toEqual(['first', 'good']);
    expect(ws.problems).toMatchObject([{ type: 'ParseError', file: 'bad.yaml', line: 18 }]);
    expect(ws.problems[0]?.message).toMatch(/^document 2: /);
  });

  it('reads a mapping key given twice as Argo CD does: the last value, with a warning on the application', async () => {
    const text = appYaml('twice').replace('spec:\n', 'spec:\n  project: nowhere\n');
    const ws = await loadWorkspace(await makeWorkspace({ 'twice.yaml': text }));
    const [app] = ws.applications;
    expect(app?.definition?.spec.project).toBe('default');
    expect(app?.conditions).toEqual([
      expect.objectContaining({
        type: 'DuplicateKeyWarning',
        file: 'twice.yaml',
        message: expect.stringMatching(
          /mapping key "project" is given more than once .*the last value is used/,
        ),
      }),
    ]);
    expect(ws.problems).toEqual([]);
  });

  it('names an unknown project', async () => {
    const ws = await loadWorkspace(await makeWorkspace({ 'a.yaml': appYaml('a', { project: 'nowhere' }) }));
    expect(ws.applications[0]?.definition).not.toBeNull();
    expect(ws.applications[0]?.conditions).toEqual([
      {
        type: 'InvalidSpecError',
        message: 'Application referencing project nowhere which does not exist',
        file: 'a.yaml',
        line: 6,
      },
    ]);
  });

  it('flags an application whose project is itself invalid', async () => {
    const badProject = projectYaml('web').replace("sourceRepos: ['*']", 'sourceRepos: yes-please');
    const ws = await loadWorkspace(
      await makeWorkspace({ 'a.yaml': appYaml('a', { project: 'web' }), 'p.yaml': badProject }),
    );
    expect(ws.projects.find((p) => p.name === 'web')?.conditions[0]?.type).toBe('InvalidSpecError');
    expect(ws.applications[0]?.conditions.map((c) => c.message)).toEqual([
      'Application referencing project web which is invalid (p.yaml:1)',
    ]);
  });

  it('keeps the first of two applications with one name and names both files', async () => {
    const ws = await loadWorkspace(
      await makeWorkspace({
        'a.yaml': appYaml('same', { path: 'first' }),
        'b/c.yaml': `${appYaml('other')}---\n${appYaml('same', { path: 'second' })}`,
      }),
    );
    const same = ws.applications.filter((a) => a.name === 'same');
    expect(same).toHaveLength(1);
    expect(same[0]?.definition?.spec.source?.path).toBe('first');
    expect(same[0]?.conditions).toEqual([
      {
        type: 'InvalidSpecError',
        message: 'Application same is defined more than once: a.yaml:1, b/c.yaml:15',
        file: 'b/c.yaml',
        line: 15,
      },
    ]);
    expect(ws.applications.find((a) => a.name === 'other')?.conditions).toEqual([]);
  });

  it('reports an unknown argoproj.io kind and a definition without a name on the workspace', async () => {
    const ws = await loadWorkspace(
      await makeWorkspace({
        'typo.yaml': appYaml('typo').replace('kind: Application', 'kind: Applicaton'),
        'nameless.yaml': appYaml('x').replace('name: x', 'labels: {}'),
        'good.yaml': appYaml('good'),
      }),
    );
    expect(ws.applications.map((a) => a.name)).toEqual(['good']);
    expect(ws.problems).toEqual([
      {
        type: 'InvalidSpecError',
        message: 'Application (document 1) has no metadata.name',
        file: 'nameless.yaml',
        line: 3,
      },
      {
        type: 'UnknownKindError',
        message:
          'argoproj.io kind Applicaton (document 1) is not one Plumbline reads: Application, AppProject, ApplicationSet',
        file: 'typo.yaml',
        line: 2,
      },
    ]);
  });

  it('reports a missing workspace folder instead of failing', async () => {
    const dir = `${await makeWorkspace()}/missing`;
    const ws = await loadWorkspace(dir);
    expect(ws.applications).toEqual([]);
    expect(ws.projects.map((p) => p.name)).toEqual(['default']);
    expect(ws.problems).toMatchObject([{ type: 'ReadError', file: '.' }]);
  });
});

describe('loadWorkspace and YAML that parses but cannot become data', () => {
  it('reports an alias bomb as a limit problem', async () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++)
      levels.push(
        `l${i}: &l${i} [${Array(9)
          .fill(i === 1 ? '*a' : `*l${i - 1}`)
          .join(', ')}]`,
      );
    const bomb = `apiVersion: argoproj.io/v1alpha1\nkind: Application\n${levels.join('\n')}\n`;
    const ws = await loadWorkspace(await makeWorkspace({ 'bomb.yaml': bomb, 'good.yaml': appYaml('good') }));
    expect(ws.applications.map((a) => a.name)).toEqual(['good']);
    expect(ws.problems).toMatchObject([{ type: 'LimitError', file: 'bomb.yaml' }]);
    expect(ws.problems[0]?.message).toMatch(/limits\.yamlAliases/);
  });
});
