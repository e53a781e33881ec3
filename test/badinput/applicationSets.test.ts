// Hostile and broken ApplicationSets: lists and matrices that multiply into too many
// applications, alias bombs in elementsYaml, git generator paths that climb out of the
// repository or follow a symlink out, template values that try to inject or recurse, matrices
// nested too deep, oversized parameters. Each case generates as the engine does and returns
// what it produced (names or the error's message); a set next to the hostile one is unaffected.
// The engine's own cases run sets in a workspace: a set generating 100,000 applications,
// parameter values with path separators or a leading '-', generated names that clash.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import {
  cachedRepositories,
  generateApplications,
  type RepositorySource,
} from '../../engine/appset/index.ts';
import { REQUEUE_SECONDS_BOUNDS, requeueAfterSeconds } from '../../engine/appset/describe.ts';
import { createRepositoryCache } from '../../engine/git/index.ts';
import { resolveTool } from '../../engine/tools/index.ts';
import type { ApplicationSet } from '../../engine/model/index.ts';
import { appSet, sources } from '../support/appsetFixtures.ts';
import { makeRemote } from '../support/gitFixtures.ts';
import { tempDir } from '../support/tempDir.ts';
import { badInputCases, type OutsideMarker } from './corpus.ts';
import { stringify } from 'yaml';
import type { PlumblineClient } from '../../engine/api/client.ts';
import type { AppSetSummary } from '../../engine/api/contract.ts';
import { writeKubeconfig } from '../support/kubeconfigFixture.ts';
import { testEngine } from '../support/testEngine.ts';

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
    name: 'requeueAfterSeconds of 0.001 and of 10^12 seconds',
    outcome: 'held to 10 s and to 7 days: no generation loop, no timer that overflows and fires at once',
    run: async () => {
      const tiny = requeueAfterSeconds(appSet([{ list: { elements: [], requeueAfterSeconds: 0.001 } }]));
      const huge = requeueAfterSeconds(appSet([{ list: { elements: [], requeueAfterSeconds: 1e12 } }]));
      expect(tiny).toBe(REQUEUE_SECONDS_BOUNDS.min);
      expect(huge).toBe(REQUEUE_SECONDS_BOUNDS.max);
      return { tiny, huge };
    },
  },
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
        await outcome(appSet([{ scmProvider: { awsCodeCommit: {} } }])),
        /generator 0 \(scmProvider\): the awsCodeCommit provider of the scmProvider generator is not supported yet/,
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

/** An engine on a workspace of these files (deploying nowhere reachable), until `use` returns. */
async function inEngine<T>(
  files: Record<string, string>,
  use: (client: PlumblineClient) => Promise<T>,
): Promise<T> {
  const root = tempDir('plumbline-badappset-engine-');
  const workspace = join(root, 'workspace');
  await mkdir(workspace, { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(join(workspace, file), text);
  const kubeconfig = writeKubeconfig(
    root,
    'kubeconfig.yaml',
    [{ name: 'dev', server: 'https://127.0.0.1:9', user: 'u' }],
    'dev',
  );
  const { engine, client } = testEngine(root, workspace, { kubeconfig });
  try {
    return await use(client);
  } finally {
    await engine.close();
  }
}

const setYaml = (
  name: string,
  elements: unknown[] | Record<string, unknown>,
  template?: Record<string, unknown>,
) =>
  stringify({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name },
    spec: {
      generators: [Array.isArray(elements) ? { list: { elements } } : elements],
      template: template ?? {
        metadata: { name: '{{name}}' },
        spec: {
          project: 'default',
          source: { repoURL: 'https://git.example.test/apps.git', path: 'apps' },
          destination: { name: 'dev', namespace: 'ns' },
        },
      },
    },
  });

async function settledSets(
  client: PlumblineClient,
  done: (sets: AppSetSummary[]) => boolean,
): Promise<AppSetSummary[]> {
  const started = Date.now();
  for (;;) {
    const { sets } = await client.call('appsets.list', {});
    if (done(sets)) return sets;
    if (Date.now() - started > 15_000) throw new Error(`sets never settled: ${JSON.stringify(sets)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const byName = (sets: AppSetSummary[], name: string) => sets.find((set) => set.name === name)!;
const appNames = async (client: PlumblineClient) =>
  (await client.call('apps.list', {})).apps.map((a) => a.name).sort();

badInputCases('applicationSets in the engine', [
  {
    name: 'a workspace set generating 100,000 applications (matrix 400 × 250) beside a good set',
    outcome:
      'an ErrorOccurred condition on that set, no application from it, the good set generates; its preview has the error',
    run: async () =>
      inEngine(
        {
          'huge.yaml': setYaml('huge', {
            matrix: {
              generators: [
                { list: { elements: elements(400) } },
                { list: { elements: elements(250, 'other') } },
              ],
            },
          }),
          'good.yaml': setYaml('good', [{ name: 'fine' }]),
        },
        async (client) => {
          const sets = await settledSets(
            client,
            (s) => byName(s, 'huge')?.conditions.length > 0 && byName(s, 'good')?.applications.length === 1,
          );
          expect(byName(sets, 'huge').conditions[0]).toMatchObject({
            type: 'ErrorOccurred',
            message: expect.stringMatching(/over the limit of 10000/),
          });
          expect(byName(sets, 'huge').applications).toEqual([]);
          expect(await appNames(client)).toEqual(['fine']);
          const preview = await client.call('appsets.preview', { name: 'huge' });
          expect(preview.entries).toEqual([]);
          expect(preview.errors[0]).toMatch(/over the limit of 10000/);
          return { sets, preview };
        },
      ),
    timeoutMs: 60_000,
  },
  {
    name: 'parameter values with path separators and a leading "-" (name, path, revision)',
    outcome:
      'a name with / is refused as an invalid Application (a condition on the set); a path climbing out and a revision starting with - become conditions of the application, no git option run',
    run: async (marker) =>
      inEngine(
        {
          'slash.yaml': setYaml('slash', [{ name: '../../etc' }]),
          'dash.yaml': setYaml(
            'dash',
            [{ name: 'dash', rev: '--upload-pack=touch x', path: `../../${marker.dir}` }],
            {
              metadata: { name: '{{name}}' },
              spec: {
                project: 'default',
                source: {
                  repoURL: 'https://git.example.test/apps.git',
                  path: '{{path}}',
                  targetRevision: '{{rev}}',
                },
                destination: { name: 'dev', namespace: 'ns' },
              },
            },
          ),
        },
        async (client) => {
          const sets = await settledSets(
            client,
            (s) => byName(s, 'slash')?.conditions.length > 0 && byName(s, 'dash')?.applications.length === 1,
          );
          expect(byName(sets, 'slash').conditions[0]!.message).toMatch(/not a valid Application/);
          expect(await appNames(client)).toEqual(['dash']);
          let { app } = await client.call('apps.get', { name: 'dash' });
          for (let waited = 0; app.phase !== 'error' && waited < 20_000; waited += 100) {
            await new Promise((resolve) => setTimeout(resolve, 100));
            ({ app } = await client.call('apps.get', { name: 'dash' }));
          }
          expect(app.applicationSet).toBe('dash');
          expect(app.phase).toBe('error');
          expect(app.conditions.map((c) => c.message).join('\n')).toMatch(
            /--upload-pack|revision|climbs|\.\./,
          );
          return { sets, app };
        },
      ),
    timeoutMs: 60_000,
  },
  {
    name: 'sets whose generated names clash with a workspace application and with each other',
    outcome:
      'ApplicationNameClash conditions on the losing sets; the workspace file and the set that claimed the name first keep their applications',
    run: async () =>
      inEngine(
        {
          'web.yaml': stringify({
            apiVersion: 'argoproj.io/v1alpha1',
            kind: 'Application',
            metadata: { name: 'web' },
            spec: {
              project: 'default',
              source: { repoURL: 'https://git.example.test/apps.git', path: 'mine' },
              destination: { name: 'dev', namespace: 'ns' },
            },
          }),
          'a.yaml': setYaml('a', [{ name: 'web' }, { name: 'shared' }]),
          'b.yaml': setYaml('b', [{ name: 'shared' }]),
        },
        async (client) => {
          // a and b generate at once: the one that claimed `shared` first keeps it, as in Argo CD
          const messages = (sets: AppSetSummary[], name: string) =>
            (byName(sets, name)?.conditions ?? []).map((condition) => condition.message);
          const sets = await settledSets(
            client,
            (s) => messages(s, 'a').length + messages(s, 'b').length === 2,
          );
          expect(messages(sets, 'a')).toContainEqual(
            expect.stringMatching(/web is not created: a workspace file/),
          );
          const loser = messages(sets, 'b').length === 1 ? 'b' : 'a';
          const winner = loser === 'a' ? 'b' : 'a';
          expect(messages(sets, loser)).toContainEqual(
            expect.stringMatching(new RegExp(`shared is not created: ApplicationSet ${winner}`)),
          );
          const { apps } = await client.call('apps.list', {});
          expect(apps.map((app) => [app.name, app.applicationSet ?? null]).sort()).toEqual([
            ['shared', winner],
            ['web', null],
          ]);
          expect(apps.find((app) => app.name === 'web')!.sources[0]!.path).toBe('mine');
          return sets;
        },
      ),
    timeoutMs: 60_000,
  },
]);
