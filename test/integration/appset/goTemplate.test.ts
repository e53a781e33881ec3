// `goTemplate: true` rendered by the real bundled helm (Go's text/template with sprig), with the
// parameter shapes of Argo CD's goTemplate mode: nested list elements, cluster metadata and
// values maps, git path maps with segments, matrix parameters merged, missingkey options,
// templatePatch, and the errors of a broken template.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cachedRepositories, generateApplications, type ClusterEntry } from '../../../engine/appset/index.ts';
import { createRepositoryCache } from '../../../engine/git/index.ts';
import type { ApplicationSet } from '../../../engine/model/index.ts';
import { resolveTool } from '../../../engine/tools/index.ts';
import { appSet, noRepositories, sources } from '../../support/appsetFixtures.ts';
import { makeRemote } from '../../support/gitFixtures.ts';
import { tempDir } from '../../support/tempDir.ts';

const cacheDir = join(tempDir('plumbline-gotemplate-'), 'cache');
let goTemplate: { helmPath: string; cacheDir: string };
beforeAll(async () => {
  goTemplate = { helmPath: (await resolveTool('helm', { cacheDir })).path, cacheDir };
});

const template = (name: string, path = 'apps', server = 'https://kubernetes.default.svc') => ({
  metadata: { name },
  spec: { project: 'default', source: { repoURL: 'r', path }, destination: { server } },
});
const goSet = (
  generators: Record<string, unknown>[],
  tmpl: Record<string, unknown>,
  extra: Partial<ApplicationSet['spec']> = {},
) => appSet(generators, { goTemplate: true, ...extra }, tmpl);
const generate = (set: ApplicationSet, clusters: ClusterEntry[] = [], repositories = noRepositories) =>
  generateApplications(set, { ...sources(clusters, repositories), goTemplate });

describe('goTemplate: true through helm', () => {
  it('renders nested element values with sprig, numbers as Go prints float64, and keeps text without braces', async () => {
    const set = goSet(
      [{ list: { elements: [{ app: { name: 'Cart' }, replicas: 1000000, tags: ['a', 'b'] }] } }],
      template(
        '{{ .app.name | lower }}-{{ index .tags 1 }}',
        'n={{ .replicas }} {{ toPrettyJson .tags | nospace }}',
      ),
    );
    const [app] = await generate(set);
    expect(app!.name).toBe('cart-b');
    expect(app!.application.spec.source?.path).toBe('n=1e+06 ["a","b"]');
    expect(app!.application.spec.destination.server).toBe('https://kubernetes.default.svc');
  });

  it('prints <no value> for a missing key by default, and refuses it with missingkey=error', async () => {
    const tmpl = template('{{ .name }}', 'x-{{ .missing }}');
    const elements = [{ name: 'a' }];
    const [app] = await generate(goSet([{ list: { elements } }], tmpl));
    expect(app!.application.spec.source?.path).toBe('x-<no value>');
    await expect(
      generate(goSet([{ list: { elements } }], tmpl, { goTemplateOptions: ['missingkey=error'] })),
    ).rejects.toThrow(
      /ApplicationSet shop, generator 0 \(list\): failed to execute go template x-\{\{ \.missing \}\}/,
    );
  });

  it('gives clusters metadata and values as maps, values templated with Go', async () => {
    const clusters = [
      { name: 'prod', server: 'https://prod.test', labels: { env: 'prod' }, annotations: {} },
    ];
    const set = goSet(
      [
        {
          clusters: {
            selector: { matchLabels: { env: 'prod' } },
            values: { ns: 'team-{{ .name | upper }}' },
          },
        },
      ],
      template('{{ .name }}-{{ .metadata.labels.env }}', '{{ .values.ns }}', '{{ .server }}'),
    );
    const [app] = await generate(set, clusters);
    expect([app!.name, app!.application.spec.source?.path, app!.application.spec.destination.server]).toEqual(
      ['prod-prod', 'team-PROD', 'https://prod.test'],
    );
  });

  it('gives git directories a path map with segments, and a matrix merges both children', async () => {
    const root = tempDir('plumbline-gotemplate-repo-');
    const remote = await makeRemote(root);
    await remote.commit({ 'apps/cart/k.yaml': 'a: b\n', 'apps/web/k.yaml': 'a: b\n' }, 'apps');
    await remote.push('refs/heads/main');
    const repositories = cachedRepositories(createRepositoryCache({ cacheDir: join(root, 'cache') }));
    const set = goSet(
      [
        {
          matrix: {
            generators: [
              { git: { repoURL: remote.bare, revision: 'main', directories: [{ path: 'apps/*' }] } },
              { list: { elements: [{ env: 'dev-{{ .path.basename }}' }] } },
            ],
          },
        },
      ],
      template('{{ .env }}', '{{ .path.path }}/{{ index .path.segments 0 }}'),
    );
    const apps = await generate(set, [], repositories);
    expect(apps.map((app) => [app.name, app.application.spec.source?.path])).toEqual([
      ['dev-cart', 'apps/cart/apps'],
      ['dev-web', 'apps/web/apps'],
    ]);
  });

  it('applies a Go-templated templatePatch', async () => {
    const patch =
      '{{- if .autoSync }}\nspec:\n  syncPolicy:\n    automated: {prune: {{ .prune }}}\n{{- end }}\n';
    const set = goSet(
      [
        {
          list: {
            elements: [
              { name: 'a', autoSync: true, prune: true },
              { name: 'b', autoSync: false, prune: false },
            ],
          },
        },
      ],
      template('{{ .name }}'),
      { templatePatch: patch },
    );
    const apps = await generate(set);
    expect(apps.map((app) => app.application.spec.syncPolicy)).toEqual([
      { automated: { prune: true } },
      undefined,
    ]);
  });

  it("renders Argo CD's normalize and slugify, called or piped, and names a function that does not exist", async () => {
    const apps = await generate(
      goSet(
        [
          {
            list: {
              elements: [
                {
                  name: 'Team_A/Service.V2!',
                  branch: 'Feature/ADD_Login.Page',
                  long: 'a-very-long-name-here',
                },
              ],
            },
          },
        ],
        template(
          '{{ .name | normalize }}',
          '{{ slugify .branch }}/{{ slugify 10 true .long }}/{{ slugify 10 false .long }}/{{ normalize "x" | upper }}/{{ "normalize" }}',
        ),
      ),
    );
    expect(apps[0]!.name).toBe('team-a-service.v2');
    expect(apps[0]!.application.spec.source?.path).toBe(
      'feature-add-login-page/a-very/a-very-lon/X/normalize',
    );
    await expect(
      generate(goSet([{ list: { elements: [{ name: 'a' }] } }], template('{{ kebabify .name }}'))),
    ).rejects.toThrow(
      /generator 0 \(list\): failed to render go template \{\{ kebabify \.name \}\}: .*function "kebabify" not defined/,
    );
  });

  it("refuses a template that closes more than it opens, as Go's parser does", async () => {
    const sneaky = '{{ end }}{{ define "appset.t9" }}x';
    await expect(
      generate(goSet([{ list: { elements: [{ name: 'a' }] } }], template('{{ .name }}', sneaky))),
    ).rejects.toThrow(/generator 0 \(list\): failed to parse template .*unexpected \{\{end\}\}/);
  });
});
