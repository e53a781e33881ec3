// Generators of the default template mode, from the facts of Argo CD's generator tests: list,
// clusters (selector, values, the in-cluster entry), matrix, merge, selector post-filter, the
// generated Application (finalizer, namespace) and errors naming the set and the generator.
import { describe, expect, it } from 'vitest';
import {
  generateApplications,
  RESOURCES_FINALIZER,
  type ClusterEntry,
} from '../../../engine/appset/index.ts';
import { appSet, appTemplate, sources } from '../../support/appsetFixtures.ts';

const clusters: ClusterEntry[] = [
  {
    name: 'Staging_EU',
    server: 'https://staging.example.test',
    labels: { env: 'staging' },
    annotations: { team: 'a' },
  },
  {
    name: 'prod',
    server: 'https://prod.example.test',
    project: 'ops',
    labels: { env: 'prod' },
    annotations: {},
  },
];

const names = async (...args: Parameters<typeof appSet>) =>
  (await generateApplications(appSet(...args), sources(clusters))).map((app) => app.name);

describe('list generator', () => {
  it('makes one application per element, values.* from a nested values map', async () => {
    const apps = await generateApplications(
      appSet([{ list: { elements: [{ name: 'cart', server: 'https://a.test', values: { size: 'big' } }] } }]),
      sources(),
    );
    expect(apps[0]!.params).toEqual({ name: 'cart', server: 'https://a.test', 'values.size': 'big' });
    expect(apps[0]!.application.spec.destination).toEqual({ server: 'https://a.test', namespace: 'cart' });
  });
  it('refuses an element value that is not a string', async () => {
    await expect(names([{ list: { elements: [{ name: 'cart', replicas: 3 }] } }])).rejects.toThrow(
      'ApplicationSet shop, generator 0 (list): error parsing value as string: element key replicas is not a string',
    );
  });
  it('appends elementsYaml elements as they are', async () => {
    expect(
      await names([{ list: { elements: [{ name: 'a' }], elementsYaml: '- name: b\n- name: c\n' } }]),
    ).toEqual(['a', 'b', 'c']);
  });
});

describe('clusters generator', () => {
  it('gives name, nameNormalized, server, project, metadata and the in-cluster entry without a selector', async () => {
    const apps = await generateApplications(
      appSet(
        [{ clusters: {} }],
        {},
        {
          metadata: { name: '{{nameNormalized}}' },
          spec: {
            project: 'default',
            source: { repoURL: 'r', path: '{{metadata.labels.env}}' },
            destination: { server: '{{server}}' },
          },
        },
      ),
      sources(clusters),
    );
    expect(apps.map((app) => app.name)).toEqual(['staging-eu', 'prod', 'in-cluster']);
    expect(apps[0]!.params).toMatchObject({
      project: '',
      'metadata.labels.env': 'staging',
      'metadata.annotations.team': 'a',
    });
    expect(apps[1]!.params.project).toBe('ops');
    expect(apps[2]!.params).toEqual({
      name: 'in-cluster',
      nameNormalized: 'in-cluster',
      server: 'https://kubernetes.default.svc',
      project: '',
    });
  });
  it("leaves the in-cluster entry out with a selector, or when a known cluster is Argo CD's own", async () => {
    expect(await names([{ clusters: { selector: { matchLabels: { env: 'prod' } } } }])).toEqual(['prod']);
    const own = [{ name: 'local', server: 'https://kubernetes.default.svc', labels: {}, annotations: {} }];
    const apps = await generateApplications(appSet([{ clusters: {} }]), sources(own));
    expect(apps.map((app) => app.name)).toEqual(['local']);
  });
  it('matches matchExpressions and templates values with the cluster parameters', async () => {
    const apps = await generateApplications(
      appSet(
        [
          {
            clusters: {
              selector: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] },
              values: { ns: 'team-{{name}}' },
            },
          },
        ],
        {},
        { ...appTemplate, metadata: { name: '{{nameNormalized}}' } },
      ),
      sources(clusters),
    );
    expect(apps.map((app) => app.params['values.ns'])).toEqual(['team-Staging_EU']);
  });
});

describe('matrix and merge', () => {
  it("matrix: every pair, the second child templated with the first child's parameters", async () => {
    const apps = await generateApplications(
      appSet(
        [
          {
            matrix: {
              generators: [
                { clusters: { selector: { matchLabels: { env: 'prod' } } } },
                { list: { elements: [{ app: 'cart-{{name}}' }, { app: 'web' }] } },
              ],
            },
          },
        ],
        {},
        {
          metadata: { name: '{{app}}' },
          spec: { project: 'default', source: { repoURL: 'r' }, destination: { server: '{{server}}' } },
        },
      ),
      sources(clusters),
    );
    expect(apps.map((app) => app.name)).toEqual(['cart-prod', 'web']);
  });
  it('matrix: the same key with two values is an error', async () => {
    await expect(
      names([
        {
          matrix: {
            generators: [{ list: { elements: [{ name: 'a' }] } }, { list: { elements: [{ name: 'b' }] } }],
          },
        },
      ]),
    ).rejects.toThrow(/generator 0 \(matrix\).*found duplicate key name with different value/);
  });
  it('matrix needs exactly two children', async () => {
    await expect(names([{ matrix: { generators: [{ list: { elements: [] } }] } }])).rejects.toThrow(
      /less than two generators/,
    );
  });
  it('merge: later generators override the keys of matching parameter sets', async () => {
    const apps = await generateApplications(
      appSet([
        {
          merge: {
            mergeKeys: ['name'],
            generators: [
              {
                list: {
                  elements: [
                    { name: 'a', server: 'https://one.test' },
                    { name: 'b', server: 'https://one.test' },
                  ],
                },
              },
              {
                list: {
                  elements: [
                    { name: 'b', server: 'https://two.test' },
                    { name: 'z', server: 'https://x.test' },
                  ],
                },
              },
            ],
          },
        },
      ]),
      sources(),
    );
    expect(apps.map((app) => [app.name, app.params.server])).toEqual([
      ['a', 'https://one.test'],
      ['b', 'https://two.test'],
    ]);
  });
  it('merge: parameter sets not unique by the merge keys are an error', async () => {
    await expect(
      names([
        {
          merge: {
            mergeKeys: ['server'],
            generators: [
              {
                list: {
                  elements: [
                    { name: 'a', server: 's' },
                    { name: 'b', server: 's' },
                  ],
                },
              },
              { list: { elements: [] } },
            ],
          },
        },
      ]),
    ).rejects.toThrow(/not unique by the given mergeKeys/);
  });
});

describe('selector post-filter and the generated application', () => {
  it('keeps the parameter sets the selector matches', async () => {
    expect(
      await names([
        {
          list: {
            elements: [
              { name: 'a', tier: 'web' },
              { name: 'b', tier: 'db' },
            ],
          },
          selector: { matchLabels: { tier: 'db' } },
        },
      ]),
    ).toEqual(['b']);
  });
  it("adds the resources finalizer unless deletion preserves resources, and the set's namespace", async () => {
    const set = appSet([{ list: { elements: [{ name: 'a' }] } }]);
    set.metadata.namespace = 'argocd';
    const [app] = await generateApplications(set, sources());
    expect(app!.application.metadata).toMatchObject({
      finalizers: [RESOURCES_FINALIZER],
      namespace: 'argocd',
    });
    const preserving = appSet([{ list: { elements: [{ name: 'a' }] } }], {
      syncPolicy: { preserveResourcesOnDeletion: true },
    });
    expect(
      (await generateApplications(preserving, sources()))[0]!.application.metadata.finalizers,
    ).toBeUndefined();
  });
  it("merges the generator's own template over the set's", async () => {
    const [app] = await generateApplications(
      appSet([
        {
          list: {
            elements: [{ name: 'a' }],
            template: { metadata: { name: 'own-{{name}}' }, spec: { project: 'ops' } },
          },
        },
      ]),
      sources(),
    );
    expect([app!.name, app!.application.spec.project, app!.application.spec.source?.path]).toEqual([
      'own-a',
      'ops',
      'apps/a',
    ]);
  });
  it('refuses two applications of the same name', async () => {
    await expect(names([{ list: { elements: [{ name: 'a' }, { name: 'a' }] } }])).rejects.toThrow(
      /two applications named a/,
    );
  });
  it('names an SCM generator without a provider, or with one Plumbline does not run, never generating nothing silently', async () => {
    for (const kind of ['scmProvider', 'pullRequest']) {
      await expect(names([{ list: { elements: [] } }, { [kind]: {} }])).rejects.toThrow(
        `ApplicationSet shop, generator 1 (${kind}): no ${kind} provider implementation configured`,
      );
      await expect(names([{ [kind]: { bitbucketServer: { project: 'p' } } }])).rejects.toThrow(
        `generator 0 (${kind}): the bitbucketServer provider of the ${kind} generator is not supported yet (supported: github, gitlab, gitea)`,
      );
    }
  });
  it('says a goTemplate set needs helm when none is given', async () => {
    await expect(names([{ list: { elements: [] } }], { goTemplate: true })).rejects.toThrow(
      'ApplicationSet shop: goTemplate needs helm',
    );
  });
});

describe('templatePatch', () => {
  it('is substituted, then merged into each application: maps merged, lists replaced, null deletes, finalizers joined', async () => {
    const patch = [
      'metadata:',
      '  labels: {team: "{{name}}"}',
      '  finalizers: [extra]',
      'spec:',
      '  source: {path: null, targetRevision: "{{rev}}"}',
      '  syncPolicy: {syncOptions: [CreateNamespace=true]}',
    ].join('\n');
    const [app] = await generateApplications(
      appSet([{ list: { elements: [{ name: 'a', server: 'https://a.test', rev: 'v1' }] } }], {
        templatePatch: patch,
      }),
      sources(),
    );
    expect(app!.application.metadata).toMatchObject({
      labels: { team: 'a' },
      finalizers: [RESOURCES_FINALIZER, 'extra'],
    });
    expect(app!.application.spec.source).toEqual({
      repoURL: 'https://git.example.test/apps.git',
      targetRevision: 'v1',
    });
    expect(app!.application.spec.syncPolicy).toEqual({ syncOptions: ['CreateNamespace=true'] });
  });
  it('refuses a patch that is not a map', async () => {
    await expect(
      generateApplications(
        appSet([{ list: { elements: [{ name: 'a', server: 's' }] } }], { templatePatch: '- a' }),
        sources(),
      ),
    ).rejects.toThrow(/generator 0 \(list\): invalid templatePatch: it is not a map/);
  });
});
