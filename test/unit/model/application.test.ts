import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  appProjectName,
  appSources,
  applicationSchema,
  isAutomatedSync,
} from '../../../engine/model/application.ts';

const directoryApp = `
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: guestbook
  namespace: argocd
  labels: { team: web }
  finalizers: [resources-finalizer.argocd.argoproj.io]
spec:
  project: web
  source:
    repoURL: https://example.test/org/gitops.git
    targetRevision: HEAD
    path: guestbook
    directory:
      recurse: true
      include: '*.yaml'
      exclude: '{secrets/*,tmp/*}'
      jsonnet:
        extVars: [{ name: env, value: prod }]
  destination:
    server: https://kubernetes.default.svc
    namespace: guestbook
  syncPolicy:
    automated: { prune: true, selfHeal: true, allowEmpty: false }
    syncOptions: [CreateNamespace=true, PrunePropagationPolicy=foreground, PruneLast=true]
    retry:
      limit: 5
      backoff: { duration: 5s, factor: 2, maxDuration: 3m }
    managedNamespaceMetadata:
      labels: { owner: web }
      annotations: { note: managed }
  ignoreDifferences:
    - group: apps
      kind: Deployment
      jsonPointers: [/spec/replicas]
    - kind: ConfigMap
      name: generated
      jqPathExpressions: ['.data["cache"]']
      managedFieldsManagers: [kube-controller-manager]
  revisionHistoryLimit: 3
  info:
    - name: Runbook
      value: https://example.test/runbook
  futureField: { keep: me }
`;

const multiSourceHelmApp = `
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: prometheus
spec:
  project: default
  sources:
    - repoURL: https://charts.example.test/community
      chart: prometheus
      targetRevision: 25.8.0
      helm:
        releaseName: prom
        valueFiles: [$values/charts/prometheus/values.yaml]
        parameters:
          - name: server.replicaCount
            value: "2"
            forceString: true
        values: |
          alertmanager:
            enabled: false
        valuesObject:
          server: { retention: 15d }
        skipCrds: true
        ignoreMissingValueFiles: true
        apiVersions: [monitoring.coreos.com/v1/ServiceMonitor]
        unknownHelmOption: 42
    - repoURL: https://example.test/org/values.git
      targetRevision: main
      ref: values
  destination:
    name: staging
    namespace: monitoring
`;

const kustomizeApp = `
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: shop
spec:
  source:
    repoURL: https://example.test/org/shop.git
    targetRevision: v1.4.0
    path: overlays/prod
    kustomize:
      namePrefix: prod-
      nameSuffix: -v1
      namespace: shop
      images: [shop=shop:1.4.0]
      commonLabels: { env: prod }
      commonAnnotations: { owner: shop-team }
      replicas: [{ name: shop, count: 3 }]
      patches:
        - target: { kind: Deployment, name: shop }
          patch: |-
            - op: replace
              path: /spec/template/spec/containers/0/name
              value: shop
  destination:
    server: https://10.0.0.1:6443
`;

function parseApp(text: string) {
  return applicationSchema.safeParse(parse(text));
}

function issuesOf(text: string): string[] {
  const result = parseApp(text);
  if (result.success) return [];
  return result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('applicationSchema', () => {
  it('reads a directory application with a full sync policy', () => {
    const result = parseApp(directoryApp);
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
    const app = result.data!;
    expect(app.metadata.name).toBe('guestbook');
    expect(app.spec.source?.directory?.recurse).toBe(true);
    expect(app.spec.syncPolicy?.retry?.backoff?.maxDuration).toBe('3m');
    expect(app.spec.syncPolicy?.managedNamespaceMetadata?.labels).toEqual({ owner: 'web' });
    expect(app.spec.ignoreDifferences?.[1]?.jqPathExpressions).toEqual(['.data["cache"]']);
    expect(app.spec.revisionHistoryLimit).toBe(3);
  });

  it('keeps fields it does not know, at every level', () => {
    const app = parseApp(directoryApp).data!;
    expect((app.spec as Record<string, unknown>).futureField).toEqual({ keep: 'me' });
    const helm = parseApp(multiSourceHelmApp).data!.spec.sources?.[0]?.helm as Record<string, unknown>;
    expect(helm.unknownHelmOption).toBe(42);
    expect(app.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io']);
  });

  it('reads a multi-source helm application with a ref source', () => {
    const app = parseApp(multiSourceHelmApp).data!;
    const [chart, values] = appSources(app);
    expect(chart?.helm?.valuesObject).toEqual({ server: { retention: '15d' } });
    expect(chart?.helm?.parameters?.[0]).toEqual({
      name: 'server.replicaCount',
      value: '2',
      forceString: true,
    });
    expect(values?.ref).toBe('values');
    expect(app.spec.destination.name).toBe('staging');
  });

  it('reads a kustomize application', () => {
    const app = parseApp(kustomizeApp).data!;
    const kustomize = app.spec.source?.kustomize;
    expect(kustomize?.images).toEqual(['shop=shop:1.4.0']);
    expect(kustomize?.replicas?.[0]?.count).toBe(3);
    expect(kustomize?.patches?.[0]?.target?.kind).toBe('Deployment');
  });

  it('rejects an application without a destination', () => {
    expect(issuesOf(kustomizeApp.replace(/ {2}destination:\n.*\n/, ''))).toEqual([
      'spec.destination: Invalid input: expected object, received undefined',
    ]);
  });

  it('rejects a destination naming no cluster, or two ways at once', () => {
    const neither = kustomizeApp.replace('server: https://10.0.0.1:6443', 'namespace: shop');
    expect(issuesOf(neither)).toEqual(['spec.destination: destination needs a server or a name']);
    const both = kustomizeApp.replace('server: https://10.0.0.1:6443', 'server: https://a\n    name: a');
    expect(issuesOf(both)).toEqual(["spec.destination: destination can't have both name and server defined"]);
  });

  it('rejects an application with no source', () => {
    const noSource = multiSourceHelmApp.replace(/ {2}sources:[\s\S]*?(?= {2}destination:)/, '');
    expect(issuesOf(noSource)).toEqual(['spec: spec.source or spec.sources is required']);
  });

  it('rejects a source without repoURL and a wrongly typed value', () => {
    const broken = kustomizeApp
      .replace('repoURL: https://example.test/org/shop.git', 'repo: x')
      .replace('namePrefix: prod-', 'namePrefix: [prod]');
    expect(issuesOf(broken)).toEqual([
      'spec.source.repoURL: Invalid input: expected string, received undefined',
      'spec.source.kustomize.namePrefix: Invalid input: expected string, received array',
    ]);
  });

  it('rejects a retry backoff that is not a duration', () => {
    const broken = directoryApp.replace('duration: 5s', 'duration: soon');
    expect(issuesOf(broken)).toEqual([
      'spec.syncPolicy.retry.backoff.duration: invalid duration "soon": expected a number',
    ]);
  });

  it('rejects another apiVersion or kind', () => {
    expect(issuesOf(kustomizeApp.replace('kind: Application', 'kind: AppProject'))).toEqual([
      'kind: Invalid input: expected "Application"',
    ]);
  });
});

describe('application helpers', () => {
  it('lists sources: sources win over source, like Argo CD', () => {
    const app = parseApp(multiSourceHelmApp).data!;
    expect(appSources(app).map((s) => s.repoURL)).toEqual([
      'https://charts.example.test/community',
      'https://example.test/org/values.git',
    ]);
    const single = parseApp(kustomizeApp).data!;
    expect(appSources(single)).toEqual([single.spec.source]);
    const both = { ...app, spec: { ...app.spec, source: single.spec.source } };
    expect(appSources(both)).toHaveLength(2);
  });

  it('names the default project when spec.project is empty', () => {
    expect(appProjectName(parseApp(kustomizeApp).data!)).toBe('default');
    expect(appProjectName(parseApp(directoryApp).data!)).toBe('web');
  });

  it('reads automated sync: present and not disabled', () => {
    const app = parseApp(directoryApp).data!;
    expect(isAutomatedSync(app)).toBe(true);
    const disabled = parseApp(
      directoryApp.replace('allowEmpty: false', 'allowEmpty: false, enabled: false'),
    ).data!;
    expect(isAutomatedSync(disabled)).toBe(false);
    expect(isAutomatedSync(parseApp(kustomizeApp).data!)).toBe(false);
  });
});

describe('application names', () => {
  it.each(['Guestbook', '../escape', 'a b', '-lead', ''])('rejects %j, as Kubernetes would', (name) => {
    expect(issuesOf(kustomizeApp.replace('name: shop', `name: '${name}'`))[0]).toMatch(/^metadata\.name: /);
  });

  it('accepts dotted and dashed names', () => {
    expect(issuesOf(kustomizeApp.replace('name: shop', 'name: shop-v2.prod'))).toEqual([]);
  });
});
