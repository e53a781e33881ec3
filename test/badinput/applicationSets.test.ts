// Hostile and broken ApplicationSets: lists and matrices that multiply into too many
// applications, alias bombs in elementsYaml, git generator paths that climb out of the
// repository or follow a symlink out, template values that try to inject or recurse, matrices
// nested too deep, oversized parameters. Each case generates as the engine does and returns
// what it produced (names or the error's message); a set next to the hostile one is unaffected.
import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import {
  cachedRepositories,
  generateApplications,
  type RepositorySource,
} from '../../engine/appset/index.ts';
import { createRepositoryCache } from '../../engine/git/index.ts';
import { resolveTool } from '../../engine/tools/index.ts';
import type { ApplicationSet } from '../../engine/model/index.ts';
import { appSet, sources } from '../support/appsetFixtures.ts';
import { makeRemote } from '../support/gitFixtures.ts';
import { tempDir } from '../support/tempDir.ts';
import { badInputCases, type OutsideMarker } from './corpus.ts';

interface Outcome {
  names?: string[];
  error?: string;
  ms: number;
}

async function outcome(set: ApplicationSet, repositories?: RepositorySource): Promise<Outcome> {
  const started = Date.now();
  try {
    const apps = await generateApplications(set, sources([], repositories));
    return { names: apps.map((app) => app.name), ms: Date.now() - started };
  } catch (error) {
    return { error: (error as Error).message, ms: Date.now() - started };
  }
}

function refused(result: Outcome, pattern: RegExp): Outcome {
  expect(result.names).toBeUndefined();
  expect(result.error).toMatch(pattern);
  return result;
}

/** A real repository holding `files` (and whatever `prepare` adds to its working clone), read through the cache. */
async function repository(files: Record<string, string>, prepare?: (work: string) => Promise<void>) {
  const root = tempDir('plumbline-badappset-');
  const remote = await makeRemote(root);
  await remote.commit(files, 'files');
  if (prepare) {
    await prepare(remote.work);
    await remote.commit({}, 'links');
  }
  await remote.push('refs/heads/main');
  return {
    url: remote.bare,
    repositories: cachedRepositories(createRepositoryCache({ cacheDir: join(root, 'cache') })),
  };
}

/** Nine levels of aliases, each a list of nine of the level below: 9^9 strings once expanded. */
function billionLaughs(): string {
  const lines = ['l0: &l0 [x, x, x, x, x, x, x, x, x]'];
  for (let level = 1; level <= 8; level++)
    lines.push(`l${level}: &l${level} [${Array.from({ length: 9 }, () => `*l${level - 1}`).join(', ')}]`);
  return lines.join('\n');
}

const elements = (count: number, key = 'name') =>
  Array.from({ length: count }, (_, index) => ({ [key]: `a${index}` }));
const gitSet = (url: string, git: Record<string, unknown>) =>
  appSet(
    [{ git: { repoURL: url, revision: 'main', ...git } }],
    {},
    {
      metadata: { name: 'x-{{path.basenameNormalized}}' },
      spec: {
        project: 'default',
        source: { repoURL: url, path: '{{path}}' },
        destination: { server: 'https://kubernetes.default.svc' },
      },
    },
  );

badInputCases('applicationSets', [
  {
    name: 'a list of 20,000 elements',
    outcome:
      'refused at once: over the limit of 10000 generated applications, naming the set and the list generator',
    run: async () =>
      refused(
        await outcome(appSet([{ list: { elements: elements(20_000) } }])),
        /ApplicationSet shop, generator 0 \(list\): 20000 list elements is over the limit of 10000/,
      ),
  },
  {
    name: 'a matrix of 400 × 250 elements (100,000 applications)',
    outcome: 'capped: refused as over the limit before the product is built, within a second',
    run: async () => {
      const set = appSet([
        {
          matrix: {
            generators: [
              { list: { elements: elements(400) } },
              { list: { elements: elements(250, 'other') } },
            ],
          },
        },
      ]);
      const result = refused(await outcome(set), /generator 0 \(matrix\).*over the limit of 10000/);
      expect(result.ms).toBeLessThan(1_000);
      return result;
    },
  },
  {
    name: 'an alias bomb (billion laughs) in elementsYaml',
    outcome: 'refused by the safe YAML loader with its alias limit, quickly',
    run: async () => {
      const bomb = billionLaughs();
      const result = refused(
        await outcome(appSet([{ list: { elementsYaml: `- ${bomb.replaceAll('\n', '\n  ')}\n` } }])),
        /generator 0 \(list\): .*alias/i,
      );
      expect(result.ms).toBeLessThan(2_000);
      return result;
    },
  },
  {
    name: 'a git directories path climbing out with ../',
    outcome: 'refused before reading the repository: the path climbs out with ..',
    run: async () =>
      refused(
        await outcome(gitSet('https://git.example.test/none.git', { directories: [{ path: '../../*' }] })),
        /git\.directories\[0\]\.path \.\.\/\.\.\/\* climbs out of the repository/,
      ),
  },
  {
    name: 'an absolute git files path naming the outside marker',
    outcome: 'refused: the path is absolute, nothing read',
    run: async (marker: OutsideMarker) =>
      refused(
        await outcome(gitSet('https://git.example.test/none.git', { files: [{ path: marker.path }] })),
        /is absolute: it must be relative to the repository/,
      ),
  },
  {
    name: 'a git files glob that climbs out in its middle (apps/**/../../../private/*)',
    outcome: 'refused: the path climbs out with ..',
    run: async () =>
      refused(
        await outcome(
          gitSet('https://git.example.test/none.git', { files: [{ path: 'apps/**/../../../private/*' }] }),
        ),
        /climbs out of the repository/,
      ),
  },
  {
    name: 'a git files match that is a symlink to a file outside the repository',
    outcome: 'refused naming the symlink; the outside file is never read',
    run: async (marker: OutsideMarker) => {
      const repo = await repository({ 'envs/a/config.yaml': 'name: a\n' }, (work) =>
        symlink(marker.path, join(work, 'envs/a/leak.yaml')),
      );
      return refused(
        await outcome(gitSet(repo.url, { files: [{ path: 'envs/**/*.yaml' }] }), repo.repositories),
        /envs\/a\/leak\.yaml is a symlink leading outside the repository/,
      );
    },
  },
  {
    name: 'a git directories generator over a symlink to a folder outside the repository',
    outcome: 'the symlink is not a folder of the repository: only the real folder is generated',
    run: async (marker: OutsideMarker) => {
      const repo = await repository({ 'apps/real/a.yaml': 'a: b\n' }, (work) =>
        symlink(marker.dir, join(work, 'apps/outside')),
      );
      const result = await outcome(
        gitSet(repo.url, { directories: [{ path: 'apps/*' }] }),
        repo.repositories,
      );
      expect(result.names).toEqual(['x-real']);
      return result;
    },
  },
  {
    name: 'a parameter value holding {{...}} that names itself and another parameter',
    outcome: 'inserted as text once: no recursion, no expansion of the other parameter',
    run: async () => {
      const set = appSet(
        [
          {
            list: { elements: [{ name: 'a', server: 'https://a.test', path: '{{path}}{{name}}{{server}}' }] },
          },
        ],
        {},
        {
          metadata: { name: '{{name}}' },
          spec: {
            project: 'default',
            source: { repoURL: 'r', path: '{{path}}' },
            destination: { server: '{{server}}' },
          },
        },
      );
      const [app] = await generateApplications(set, sources());
      expect(app!.application.spec.source?.path).toBe('{{path}}{{name}}{{server}}');
      return app!.application;
    },
  },
  {
    name: 'a template injection: a value with a quote, a newline and YAML/JSON that would add fields',
    outcome:
      'the value stays one string of the field it fills; no field is added, the name is refused as invalid',
    run: async () => {
      const inject = 'x", "project": "admin\nproject: admin';
      const intoPath = appSet(
        [{ list: { elements: [{ name: 'a', server: 'https://a.test', p: inject }] } }],
        {},
        {
          metadata: { name: '{{name}}' },
          spec: {
            project: 'default',
            source: { repoURL: 'r', path: '{{p}}' },
            destination: { server: '{{server}}' },
          },
        },
      );
      const [app] = await generateApplications(intoPath, sources());
      expect(app!.application.spec.project).toBe('default');
      expect(app!.application.spec.source?.path).toBe(inject);
      const intoName = await outcome(
        appSet([{ list: { elements: [{ name: '../../etc', server: 'https://a.test' }] } }]),
      );
      refused(intoName, /not a valid Application/);
      return { app: app!.application, intoName };
    },
  },
  {
    name: 'a matrix nested three levels deep',
    outcome: 'refused: at most 2 levels of matrix and merge',
    run: async () => {
      const leaf = { list: { elements: [{ name: 'a' }] } };
      const inner = { matrix: { generators: [leaf, { list: { elements: [{ x: 'b' }] } }] } };
      const middle = { matrix: { generators: [inner, { list: { elements: [{ y: 'c' }] } }] } };
      const set = appSet([{ matrix: { generators: [middle, { list: { elements: [{ z: 'd' }] } }] } }]);
      return refused(await outcome(set), /generator 0 \(matrix\).*nested 3 levels deep: at most 2 levels/);
    },
  },
  {
    name: 'a parameter value of 1 MB',
    outcome: 'refused naming the parameter and the limit',
    run: async () =>
      refused(
        await outcome(appSet([{ list: { elements: [{ name: 'a', blob: 'x'.repeat(1 << 20) }] } }])),
        /parameter blob is 1048576 characters long, over the limit of 65536/,
      ),
  },
  {
    name: 'a generator kind that does not exist, and one Plumbline does not run',
    outcome: 'each refused naming the kind; never an empty result',
    run: async () => {
      const unknown = refused(
        await outcome(appSet([{ bogus: {} }])),
        /generator 0 \(unknown\): bogus is not an ApplicationSet generator|generator 0 \(bogus\): bogus is not an ApplicationSet generator/,
      );
      const scm = refused(
        await outcome(appSet([{ scmProvider: { github: { organization: 'x' } } }])),
        /generator 0 \(scmProvider\): the scmProvider generator is not supported yet/,
      );
      return { unknown, scm };
    },
  },
  {
    name: 'a template with a {{ that is never closed',
    outcome: 'refused as an invalid template, as Argo CD does',
    run: async () =>
      refused(
        await outcome(
          appSet(
            [{ list: { elements: [{ name: 'a' }] } }],
            {},
            {
              metadata: { name: '{{name}}' },
              spec: { project: '{{name}} {{oops', destination: {}, source: { repoURL: 'r' } },
            },
          ),
        ),
        /a \{\{ is never closed/,
      ),
  },
  {
    name: 'a broken set beside a good one',
    outcome: 'the broken set fails alone; the good set still generates its applications',
    run: async () => {
      const broken = refused(
        await outcome(appSet([{ list: { elements: [{ name: 'a', replicas: 3 }] } }])),
        /not a string/,
      );
      const good = await outcome(appSet([{ list: { elements: [{ name: 'a', server: 'https://a.test' }] } }]));
      expect(good.names).toEqual(['a']);
      return { broken, good };
    },
  },
]);

// goTemplate sets render through the real helm
const helmCache = join(tempDir('plumbline-badappset-helm-'), 'cache');
const goGenerate = async (text: string, element: Record<string, unknown> = { name: 'a' }) => {
  const goTemplate = {
    helmPath: (await resolveTool('helm', { cacheDir: helmCache })).path,
    cacheDir: helmCache,
  };
  const set = appSet(
    [{ list: { elements: [element] } }],
    { goTemplate: true },
    {
      metadata: { name: '{{ .name }}' },
      spec: {
        project: 'default',
        source: { repoURL: 'r', path: text },
        destination: { server: 'https://a.test' },
      },
    },
  );
  const started = Date.now();
  try {
    const apps = await generateApplications(set, { ...sources(), goTemplate });
    return { path: apps[0]!.application.spec.source?.path, ms: Date.now() - started };
  } catch (error) {
    return { error: (error as Error).message, ms: Date.now() - started };
  }
};

badInputCases('applicationSets with goTemplate', [
  {
    name: 'a Go template reading the environment (env, expandenv)',
    outcome: 'refused: the functions are not defined, nothing of the environment is printed',
    run: async () => {
      const env = await goGenerate('{{ env "HOME" }}');
      const expand = await goGenerate('{{ expandenv "$HOME" }}');
      expect(env.error).toMatch(/function "env" not defined/);
      expect(expand.error).toMatch(/function "expandenv" not defined/);
      return { env, expand };
    },
  },
  {
    name: 'a Go template reading a file outside through the chart (.Files.Get, readFile)',
    outcome: 'nothing read: the template sees only its parameters, readFile does not exist',
    run: async (marker: OutsideMarker) => {
      const files = await goGenerate(`{{ .Files.Get "${marker.path}" }}`);
      const read = await goGenerate(`{{ readFile "${marker.path}" }}`);
      expect(read.error).toMatch(/function "readFile" not defined/);
      return { files, read };
    },
  },
  {
    name: 'a Go template that includes itself forever',
    outcome: "refused by helm's recursion limit, quickly",
    run: async () => {
      const result = await goGenerate('{{ include "appset.t1" . }}');
      expect(result.error).toMatch(/failed to render go template|go template/);
      expect(result.ms).toBeLessThan(20_000);
      return result;
    },
    timeoutMs: 30_000,
  },
  {
    name: 'a Go template printing 20 MB (repeat)',
    outcome: 'stopped at the output limit of the helm run, with a message',
    run: async () => {
      const result = await goGenerate('{{ repeat 10000000 "xx" }}');
      expect(result.error).toMatch(/go template/);
      return { error: result.error?.slice(0, 300), ms: result.ms };
    },
    timeoutMs: 60_000,
  },
  {
    name: 'a goTemplate parameter value holding {{ .other }}',
    outcome: 'inserted as text: Go templates never render a value again',
    run: async () => {
      const result = await goGenerate('{{ .path }}', { name: 'a', path: '{{ .secret }}', secret: 'hidden' });
      expect(result.path).toBe('{{ .secret }}');
      return result;
    },
  },
]);
