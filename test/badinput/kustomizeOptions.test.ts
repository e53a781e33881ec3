// Hostile kustomize options in an Application's source: values that look like flags, a huge name
// prefix, images full of shell syntax, patches and components that reach out of the repository,
// `${VAR}` references to the process environment, version names that look like paths. Each one is
// rendered with the real kustomize against its own small repository; a refused one becomes a
// RenderError naming the option (a condition on that application), an accepted one is taken as a
// literal value. A bystander application rendered after each case must be unaffected.
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'vitest';
import { renderSource, RenderError } from '../../engine/render/index.ts';
import type { KubeObject, KustomizeSourceOptions } from '../../engine/render/index.ts';
import { WEB_DEPLOYMENT, writeFiles } from '../fixtures/render/kustomizeFiles.ts';
import { tempDir } from '../support/tempDir.ts';
import { badInputCases, type BadInputCase, type OutsideMarker } from './corpus.ts';

const FILES: Record<string, string> = {
  'app/kustomization.yaml': 'resources:\n  - deployment.yaml\ncommonLabels:\n  team: core\n',
  'app/deployment.yaml': WEB_DEPLOYMENT,
  'bystander/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
  'bystander/deployment.yaml': WEB_DEPLOYMENT,
};

interface Rendered {
  objects?: Array<{
    name: string | undefined;
    namespace: string | undefined;
    labels: unknown;
    annotations: unknown;
    image: unknown;
  }>;
  error?: string;
  bystander: string;
}

function summary(object: KubeObject) {
  const spec = object.spec as
    { template?: { spec?: { containers?: Array<{ image?: string }> } } } | undefined;
  return {
    name: object.metadata.name,
    namespace: object.metadata.namespace,
    labels: object.metadata.labels,
    annotations: object.metadata.annotations,
    image: spec?.template?.spec?.containers?.[0]?.image,
  };
}

/** A fresh repository (plus extra files), the hostile options rendered, then a plain bystander. */
async function render(
  options: KustomizeSourceOptions | ((repo: string) => KustomizeSourceOptions),
  extra: (repo: string) => void = () => undefined,
  bystanderRefused = false,
): Promise<Rendered> {
  const root = tempDir('plumbline-badkustomize-');
  const repo = join(root, 'repo');
  writeFiles(repo, FILES);
  extra(repo);
  const kustomize = typeof options === 'function' ? options(repo) : options;
  const context = { appName: 'target', destinationNamespace: 'shop' };
  const renderOptions = { cacheDir: join(root, 'cache'), hardRefresh: true };
  const result: Rendered = { bystander: '' };
  try {
    const rendered = await renderSource(
      { repoURL: '/r', path: 'app', kustomize },
      repo,
      context,
      renderOptions,
    );
    result.objects = rendered.objects.map(summary);
  } catch (error) {
    expect(error).toBeInstanceOf(RenderError);
    result.error = (error as Error).message;
  }
  // Another application of the same repository renders as if nothing had happened (unless the
  // repository itself is refused, as one with a symlink out of it is, for every application).
  result.bystander = await renderSource(
    { repoURL: '/r', path: 'bystander' },
    repo,
    { ...context, appName: 'bystander' },
    renderOptions,
  ).then(
    (rendered) => rendered.objects.map((o) => o.metadata.name).join(','),
    (error: unknown) => `refused: ${(error as Error).message}`,
  );
  if (bystanderRefused) expect(result.bystander).toMatch(/^refused: /);
  else expect(result.bystander).toBe('web');
  return result;
}

function refused(result: Rendered, message: RegExp): Rendered {
  expect(result.objects).toBeUndefined();
  expect(result.error).toMatch(message);
  return result;
}

function accepted(result: Rendered): NonNullable<Rendered['objects']>[number] {
  expect(result.error).toBeUndefined();
  return result.objects?.[0] as NonNullable<Rendered['objects']>[number];
}

const markerPath = (marker: OutsideMarker, repo: string) => relative(join(repo, 'app'), marker.path);

const cases: BadInputCase[] = [
  {
    name: 'namePrefix that is a kustomize flag (--load-restrictor=LoadRestrictionsNone)',
    outcome: 'a literal prefix of every name, never an option',
    run: async () => {
      const result = await render({ namePrefix: '--load-restrictor=LoadRestrictionsNone-' });
      expect(accepted(result).name).toBe('--load-restrictor=LoadRestrictionsNone-web');
      return result;
    },
  },
  {
    name: 'namespace "-n" and nameSuffix "--help"',
    outcome: 'literal values, as Argo CD passes them after --',
    run: async () => {
      const object = accepted(await render({ namespace: '-n', nameSuffix: '--help' }));
      expect(object).toMatchObject({ name: 'web--help', namespace: '-n' });
      return object;
    },
  },
  {
    name: 'a 200 KB namePrefix',
    outcome: 'rendered as given (the API server judges the name), in bounded time',
    run: async () => {
      const object = accepted(await render({ namePrefix: 'p'.repeat(200_000) }));
      expect(object.name?.length).toBe(200_003);
      return { length: object.name?.length };
    },
  },
  {
    name: 'images entry that is a flag (--help=evil:1), commonLabels key "-f", replicas name "-web"',
    outcome: 'refused, naming the option, as kustomize edit would read them as flags',
    run: async () => [
      refused(await render({ images: ['--help=evil:1'] }), /^kustomize\.images: .* starts with "-"/),
      refused(await render({ commonLabels: { '-f': 'x' } }), /^kustomize\.commonLabels: .* starts with "-"/),
      refused(
        await render({ replicas: [{ name: '-web', count: 1 }] }),
        /^kustomize\.replicas: .* starts with "-"/,
      ),
    ],
  },
  {
    name: 'images with shell syntax (nginx=evil;$(touch pwned)`id`:1)',
    outcome: 'a literal image name; nothing runs, no file appears',
    run: async () => {
      let repo = '';
      const result = await render({ images: ['nginx=evil;$(touch pwned)`id`&&rm -rf x:1'] }, (at) => {
        repo = at;
        mkdirSync(join(repo, 'app', 'x'));
      });
      expect(accepted(result).image).toBe('evil;$(touch pwned)`id`&&rm -rf x:1');
      expect(existsSync(join(repo, 'app', 'x'))).toBe(true);
      for (const dir of [repo, join(repo, 'app'), process.cwd()])
        expect(existsSync(join(dir, 'pwned'))).toBe(false);
      return result;
    },
  },
  {
    name: 'replicas count "1; rm -rf /"',
    outcome: "refused with Argo CD's integer message",
    run: async () =>
      refused(
        await render({ replicas: [{ name: 'web', count: '1; rm -rf /' }] }),
        /expected integer value for count\. Received: 1; rm -rf \//,
      ),
  },
  {
    name: 'patches with the absolute path of a file outside the repository',
    outcome: "refused by kustomize's load restrictor; the file is never read",
    run: async (marker) =>
      refused(await render({ patches: [{ path: marker.path }] }), /security|outside|not in or below/),
  },
  {
    name: 'patches with a ../ path climbing out of the repository',
    outcome: 'refused; the file is never read',
    run: async (marker) =>
      refused(
        await render((repo) => ({ patches: [{ path: markerPath(marker, repo) }] })),
        /security|outside|not in or below/,
      ),
  },
  {
    name: 'patches with a path to a symlink in the repository that points at a file outside',
    outcome: 'the whole render refused (a symlink out of the repository), nothing read',
    run: async (marker) =>
      refused(
        await render(
          { patches: [{ path: 'leak.yaml' }] },
          (repo) => symlinkSync(marker.path, join(repo, 'app', 'leak.yaml')),
          true,
        ),
        /symlink pointing outside/,
      ),
  },
  {
    name: 'components: an absolute folder outside, a ../../.. escape, a file:// address',
    outcome: 'each refused, naming the component',
    run: async (marker) => [
      refused(
        await render({ components: [marker.dir] }),
        /^kustomize\.components: .* points outside the repository/,
      ),
      refused(
        await render({ components: ['../../..'] }),
        /^kustomize\.components: .* points outside the repository/,
      ),
      refused(
        await render({ components: ['file:///etc'] }),
        /^kustomize\.components: .* address kustomize would read outside/,
      ),
    ],
  },
  {
    name: 'components outside the repository with ignoreMissingComponents',
    outcome: 'left out, as Argo CD leaves out what its repository root cannot see; the render goes on',
    run: async (marker) => {
      const object = accepted(
        await render({ components: [marker.dir, '../../..'], ignoreMissingComponents: true }),
      );
      expect(object.name).toBe('web');
      return object;
    },
  },
  {
    name: 'commonAnnotations with envsubst of ${HOME}, ${PATH} and a variable holding a secret',
    outcome: 'empty strings: only the ARGOCD_APP_* build environment is substituted',
    run: async (marker) => {
      process.env.PLUMBLINE_BADINPUT_SECRET = marker.secret;
      try {
        const object = accepted(
          await render({
            commonAnnotations: {
              home: '${HOME}',
              path: '$PATH',
              secret: '${PLUMBLINE_BADINPUT_SECRET}',
              app: '$ARGOCD_APP_NAME',
            },
            commonAnnotationsEnvsubst: true,
          }),
        );
        expect(object.annotations).toMatchObject({ home: '', path: '', secret: '', app: 'target' });
        return object;
      } finally {
        delete process.env.PLUMBLINE_BADINPUT_SECRET;
      }
    },
  },
  {
    name: 'commonLabels and images with ${HOME} (always substituted)',
    outcome: 'empty strings, never the process environment',
    run: async () => {
      const object = accepted(
        await render({ commonLabels: { home: 'x${HOME}' }, images: ['nginx:${HOME}2'] }),
      );
      expect(object.labels).toMatchObject({ home: 'x' });
      expect(object.image).toBe('nginx:2');
      return object;
    },
  },
  {
    name: 'a commonLabels key the kustomization already sets, without forceCommonLabels',
    outcome: 'refused, naming the label and the flag that overrides it',
    run: async () =>
      refused(
        await render({ commonLabels: { team: 'edge' } }),
        /^kustomize\.commonLabels: label team is already in the kustomization/,
      ),
  },
  {
    name: "option patches while the kustomization's patches is a string",
    outcome: 'refused, naming the field',
    run: async () =>
      refused(
        await render({ patches: [{ patch: 'x' }] }, (repo) =>
          writeFileSync(
            join(repo, 'app', 'kustomization.yaml'),
            'resources:\n  - deployment.yaml\npatches: oops\n',
          ),
        ),
        /^kustomize\.patches: the kustomization's patches field is not a list/,
      ),
  },
  {
    name: 'version "../../../bin/sh" (a path, not a registered name)',
    outcome: 'refused as not registered; never run',
    run: async () =>
      refused(
        await render({ version: '../../../bin/sh' }),
        /kustomize version \.\.\/\.\.\/\.\.\/bin\/sh is not registered/,
      ),
  },
  {
    name: 'a kustomization that is YAML bombing with aliases, edited for a namePrefix',
    outcome: 'refused as an invalid kustomization, in bounded time',
    run: async () =>
      refused(
        await render({ namePrefix: 'p-' }, (repo) => {
          const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
          for (let i = 1; i < 12; i += 1)
            lines.push(
              `a${i}: &a${i} [${Array(10)
                .fill(`*a${i - 1}`)
                .join(', ')}]`,
            );
          writeFileSync(
            join(repo, 'app', 'kustomization.yaml'),
            `${lines.join('\n')}\nresources: [deployment.yaml]\n`,
          );
        }),
        /invalid kustomization app\/kustomization\.yaml/,
      ),
  },
];

badInputCases('kustomize options', cases);
