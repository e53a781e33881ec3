// The clusterDecisionResource generator, from Argo CD's duck_type_test.go and its documentation:
// decisions matched to known clusters by matchKey, every decision field as a parameter, values
// as written, the ConfigMap's checks, and the errors Argo CD gives.
import { describe, expect, it } from 'vitest';
import { generateApplications, type ClusterEntry } from '../../../engine/appset/index.ts';
import { appSet, sources } from '../../support/appsetFixtures.ts';
import { argoNamespace } from '../../support/argoNamespaceFixture.ts';

const clusters: ClusterEntry[] = [
  { name: 'production-01', server: 'https://production-01.example.com', labels: {}, annotations: {} },
  { name: 'staging-01', server: 'https://staging-01.example.com', labels: {}, annotations: {} },
];
const configMap = {
  'my-configmap': {
    apiVersion: 'mallard.io/v1beta1',
    kind: 'ducks',
    statusListKey: 'decisions',
    matchKey: 'clusterName',
  },
};
const duck = (name: string, decisions: unknown, labels: Record<string, string> = {}) => ({
  apiVersion: 'mallard.io/v1beta1',
  kind: 'Duck',
  metadata: { name, namespace: 'argocd', labels },
  ...(decisions === undefined ? {} : { status: { decisions } }),
});
const template = {
  metadata: { name: '{{name}}-guestbook' },
  spec: {
    project: 'default',
    source: { repoURL: 'https://git.example.test/apps.git', path: 'guestbook', targetRevision: 'HEAD' },
    destination: { server: '{{server}}', namespace: 'guestbook' },
  },
};

async function generate(
  generator: Record<string, unknown>,
  resources: Record<string, unknown>[],
  maps: Record<string, Record<string, string>> = configMap,
  goTemplate = false,
) {
  const namespace = argoNamespace(maps, resources);
  const apps = await generateApplications(
    appSet([{ clusterDecisionResource: generator }], { goTemplate }, template),
    {
      ...sources(clusters),
      argoNamespace: namespace,
    },
  );
  return { params: apps.map((app) => app.params), selections: namespace.selections };
}

describe('clusterDecisionResource generator', () => {
  it.each([
    {
      what: 'one decision of a named resource',
      decisions: [{ clusterName: 'production-01' }],
      expected: [
        { name: 'production-01', server: 'https://production-01.example.com', clusterName: 'production-01' },
      ],
    },
    {
      what: 'two decisions, every field of a decision as a string',
      decisions: [
        { clusterName: 'production-01', weight: 3 },
        { clusterName: 'staging-01', ready: true },
      ],
      expected: [
        {
          name: 'production-01',
          server: 'https://production-01.example.com',
          clusterName: 'production-01',
          weight: '3',
        },
        {
          name: 'staging-01',
          server: 'https://staging-01.example.com',
          clusterName: 'staging-01',
          ready: 'true',
        },
      ],
    },
    {
      what: 'a decision naming no known cluster is skipped',
      decisions: [{ clusterName: 'unknown' }, { clusterName: 'staging-01' }],
      expected: [{ name: 'staging-01', server: 'https://staging-01.example.com', clusterName: 'staging-01' }],
    },
    {
      what: 'a decision without the matchKey is skipped',
      decisions: [{ other: 'production-01' }],
      expected: [],
    },
    {
      what: 'in-cluster is known when no cluster is Argo CD’s own',
      decisions: [{ clusterName: 'in-cluster' }],
      expected: [{ name: 'in-cluster', server: 'https://kubernetes.default.svc', clusterName: 'in-cluster' }],
    },
  ])('$what', async ({ decisions, expected }) => {
    const { params, selections } = await generate({ configMapRef: 'my-configmap', name: 'quak' }, [
      duck('quak', decisions),
      duck('other', [{ clusterName: 'staging-01' }]),
    ]);
    expect(params).toEqual(expected);
    expect(selections).toEqual([
      { group: 'mallard.io', version: 'v1beta1', resource: 'ducks', name: 'quak' },
    ]);
  });

  it('lets a decision field override name, as Argo CD copies the fields after name and server', async () => {
    const { params } = await generate({ configMapRef: 'my-configmap', name: 'quak' }, [
      duck('quak', [{ clusterName: 'staging-01', name: 'renamed' }]),
    ]);
    expect(params).toEqual([
      { name: 'renamed', server: 'https://staging-01.example.com', clusterName: 'staging-01' },
    ]);
  });

  it('reads the decisions of every resource a label selector selects, skipping those without status', async () => {
    const { params, selections } = await generate(
      {
        configMapRef: 'my-configmap',
        labelSelector: {
          matchLabels: { duck: 'spotted' },
          matchExpressions: [{ key: 'duck', operator: 'In', values: ['spotted', 'canvasback'] }],
        },
      },
      [
        duck('a', [{ clusterName: 'production-01' }]),
        duck('b', undefined),
        duck('c', [{ clusterName: 'staging-01' }]),
      ],
    );
    expect(params.map((set) => set.name)).toEqual(['production-01', 'staging-01']);
    expect(selections[0]!.labelSelector).toBe('duck=spotted,duck in (canvasback,spotted)');
  });

  it('uses the status list key `clusters` when the ConfigMap names none', async () => {
    const { params } = await generate(
      { configMapRef: 'cm', name: 'quak' },
      [{ metadata: { name: 'quak' }, status: { clusters: [{ clusterName: 'staging-01' }] } }],
      { cm: { apiVersion: 'mallard.io/v1beta1', kind: 'ducks', matchKey: 'clusterName' } },
    );
    expect(params.map((set) => set.name)).toEqual(['staging-01']);
  });

  it('adds values as written: values.KEY, or a values map with goTemplate', async () => {
    const generator = {
      configMapRef: 'my-configmap',
      name: 'quak',
      values: { size: 'big', raw: '{{name}}' },
    };
    const resources = [duck('quak', [{ clusterName: 'staging-01' }])];
    expect((await generate(generator, resources)).params[0]).toMatchObject({
      'values.size': 'big',
      'values.raw': '{{name}}',
    });
  });

  it('generates nothing when the ConfigMap names no matchKey', async () => {
    const { params } = await generate(
      { configMapRef: 'cm', name: 'quak' },
      [duck('quak', [{ clusterName: 'staging-01' }])],
      {
        cm: { apiVersion: 'mallard.io/v1beta1', kind: 'ducks', statusListKey: 'decisions' },
      },
    );
    expect(params).toEqual([]);
  });

  it.each([
    [
      { configMapRef: 'missing', name: 'quak' },
      configMap,
      'error reading configMapRef: configmaps "missing" not found',
    ],
    [
      { configMapRef: 'cm', name: 'quak' },
      { cm: { apiVersion: 'v1', kind: 'ducks' } },
      'there is a problem with the apiVersion, kind or resourceName provided',
    ],
    [
      { configMapRef: 'cm', name: 'quak' },
      { cm: { apiVersion: 'a/v1' } },
      'there is a problem with the apiVersion, kind or resourceName provided',
    ],
    [
      { configMapRef: 'my-configmap' },
      configMap,
      'there is a problem with the definition of the ClusterDecisionResource generator',
    ],
    [
      { configMapRef: 'my-configmap', name: 'quak', labelSelector: { matchLabels: { a: 'b' } } },
      configMap,
      'there is a problem with the definition of the ClusterDecisionResource generator',
    ],
    [{ configMapRef: 'my-configmap', name: 'nothing' }, configMap, 'no clusterDecisionResources found'],
    [{ name: 'quak' }, configMap, 'clusterDecisionResource.configMapRef does not name a ConfigMap'],
  ])('refuses %j', async (generator, maps, message) => {
    await expect(generate(generator, [duck('quak', [])], maps)).rejects.toThrow(
      `ApplicationSet shop, generator 0 (clusterDecisionResource): ${message}`,
    );
  });

  it('says which setting it needs when no cluster plays in-cluster', async () => {
    await expect(
      generateApplications(
        appSet([{ clusterDecisionResource: { configMapRef: 'cm', name: 'q' } }]),
        sources(clusters),
      ),
    ).rejects.toThrow(
      /reads Argo CD's namespace \(argocd\) on the cluster that plays in-cluster: choose that cluster \(setting inClusterDestination\)/,
    );
  });
});
