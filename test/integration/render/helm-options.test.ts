// Helm source options rendered with the real helm, each as Argo CD's repo server applies it
// (reposerver/repository/repository.go helmTemplate, util/helm/cmd.go template):
// - skipTests: `--skip-tests` only when set, so a chart's test hooks are rendered by default;
// - helm.namespace: the release namespace (`.Release.Namespace`) instead of the destination's,
//   without putting objects into it;
// - fileParameters: `--set-file NAME=PATH`, the path relative to the chart, `/` the repository
//   root, `$ref/` another source, Argo CD's build variables substituted in it (as in parameter
//   values), the file's content becoming the value as it is.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderSource } from '../../../engine/render/index.ts';
import type { HelmSourceOptions, KubeObject, RenderOptions } from '../../../engine/render/index.ts';
import { tempDir } from '../../support/tempDir.ts';

const root = tempDir('plumbline-helm-options-');
const repo = join(root, 'repo');
const valuesRepo = join(root, 'values-repo');
const context = { appName: 'shop', destinationNamespace: 'shop-prod', projectName: 'retail' };
const options: RenderOptions = { cacheDir: join(root, 'cache') };
const certificate = '-----BEGIN CERTIFICATE-----\nMIIB, with a comma\n-----END CERTIFICATE-----\n';

async function write(path: string, text: string): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, text);
}

beforeAll(async () => {
  const chart = join(repo, 'charts', 'web');
  await write(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: web\nversion: 0.1.0\n');
  await write(join(chart, 'values.yaml'), 'certificate: none\nmotd: none\nlimits: none\nowner: none\n');
  await write(
    join(chart, 'templates', 'info.yaml'),
    [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: {{ .Release.Name }}-info',
      'data:',
      '  releaseNamespace: {{ .Release.Namespace | quote }}',
      '  certificate: {{ .Values.certificate | quote }}',
      '  motd: {{ .Values.motd | quote }}',
      '  limits: {{ .Values.limits | quote }}',
      '  owner: {{ .Values.owner | quote }}',
      '',
    ].join('\n'),
  );
  await write(
    join(chart, 'templates', 'tests', 'test-connection.yaml'),
    [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: {{ .Release.Name }}-test-connection',
      '  annotations:',
      '    helm.sh/hook: test',
      'spec:',
      '  restartPolicy: Never',
      '  containers:',
      '    - name: wget',
      '      image: busybox',
      "      args: ['{{ .Release.Name }}-web:80']",
      '',
    ].join('\n'),
  );
  await write(join(chart, 'files', 'motd-shop.txt'), 'welcome to the shop\n');
  await write(join(repo, 'certs', 'ca.pem'), certificate);
  await write(join(valuesRepo, 'limits', 'retail.txt'), 'cpu=2,memory=1Gi');
}, 30_000);

async function render(helm: HelmSourceOptions): Promise<KubeObject[]> {
  const result = await renderSource({ path: 'charts/web', helm }, repo, context, {
    ...options,
    refSources: { values: valuesRepo },
  });
  return result.objects;
}

const named = (objects: KubeObject[], name: string) => objects.find((o) => o.metadata.name === name);
const infoOf = (objects: KubeObject[]) => named(objects, 'shop-info')?.data as Record<string, string>;

describe('helm source options, as Argo CD applies them', () => {
  it("renders a chart's test hooks unless skipTests is set", async () => {
    const hook = named(await render({}), 'shop-test-connection');
    expect(hook?.kind).toBe('Pod');
    expect(hook?.metadata.annotations).toMatchObject({ 'helm.sh/hook': 'test' });
    const skipped = await render({ skipTests: true });
    expect(named(skipped, 'shop-test-connection')).toBeUndefined();
    expect(named(skipped, 'shop-info')).toBeDefined();
  });

  it('takes helm.namespace as the release namespace, the destination namespace otherwise', async () => {
    expect(infoOf(await render({})).releaseNamespace).toBe('shop-prod');
    const tenant = await render({ namespace: 'tenant-a' });
    expect(infoOf(tenant).releaseNamespace).toBe('tenant-a');
    // an object the chart leaves without a namespace goes to the destination's, not to the release's
    expect(named(tenant, 'shop-info')?.metadata.namespace).toBe('shop-prod');
  });

  it('sets values from files: chart-relative, from the repository root and from a ref, with build variables', async () => {
    const info = infoOf(
      await render({
        fileParameters: [
          { name: 'certificate', path: '/certs/ca.pem' },
          { name: 'motd', path: 'files/motd-${ARGOCD_APP_NAME}.txt' },
          { name: 'limits', path: '$values/limits/${ARGOCD_APP_PROJECT_NAME}.txt' },
        ],
        parameters: [{ name: 'owner', value: 'team-$ARGOCD_APP_NAME' }],
      }),
    );
    // the file's content as it is: line breaks and commas kept
    expect(info.certificate).toBe(certificate);
    expect(info.motd).toBe('welcome to the shop\n');
    expect(info.limits).toBe('cpu=2,memory=1Gi');
    expect(info.owner).toBe('team-shop');
  });

  it('refuses a file parameter outside the repository or missing, naming it', async () => {
    await expect(
      render({ fileParameters: [{ name: 'motd', path: '../../../etc/hostname' }] }),
    ).rejects.toThrow(/helm file parameter .* outside the repository/);
    await expect(
      render({ fileParameters: [{ name: 'motd', path: 'files/motd-${ARGOCD_APP_NAMESPACE}.txt' }] }),
    ).rejects.toThrow('helm file parameter files/motd-shop-prod.txt does not exist');
  });
});
