// Config management plugins run for real: the env-report shell plugin shows the environment Argo
// CD gives plugins (build variables, KUBE_*, ARGOCD_ENV_*, PARAM_*, ARGOCD_APP_PARAMETERS) and
// nothing of Plumbline's own; discovery picks a plugin before kustomize, helm and directory; a
// named plugin needs its full name; the render is cached under the plugin's definition; failures
// name the plugin and the phase; and Argo CD's example application plugins/kustomized-helm
// renders with the plugin written for it.
import { cp, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  renderSource,
  type RenderContext,
  type RenderOptions,
  type RenderSource,
} from '../../../engine/render/index.ts';
import { resolveTool } from '../../../engine/tools/index.ts';
import { tempDir } from '../../support/tempDir.ts';
import {
  ENV_REPORT_PLUGIN,
  EXAMPLE_APPS,
  KUSTOMIZED_HELM_PLUGIN,
  reportedEnvironment,
  shell,
  writePlugin,
  writeTree,
} from '../../fixtures/plugins/pluginFixtures.ts';

const root = tempDir('plumbline-cmp-');
const cacheDir = join(root, 'cache');
const SHA = '0123456789abcdef0123456789abcdef01234567';
const context: RenderContext = {
  appName: 'reporter',
  destinationNamespace: 'team-a',
  projectName: 'payments',
  kubeVersion: 'v1.30.2',
  apiVersions: ['apps/v1', 'v1', 'apps/v1/Deployment'],
};
const options = (extra: Partial<RenderOptions> = {}): RenderOptions => ({
  cacheDir,
  configManagementPlugins: [ENV_REPORT_PLUGIN],
  ...extra,
});

let repo: string;
beforeAll(async () => {
  repo = await writeTree(join(root, 'repo'), {
    'reported/app.env-report': '',
    'reported/kustomization.yaml': 'resources: []\n',
    'named/README.md': 'no discovery marker here\n',
    'plain/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n',
  });
});

describe('config management plugins', () => {
  it("give the plugin Argo CD's environment, the source's env and parameters, and nothing of Plumbline's own", async () => {
    process.env.PLUMBLINE_CMP_TEST_SECRET = 'never-for-a-plugin';
    const source: RenderSource = {
      repoURL: 'https://git.example/team/config.git',
      targetRevision: 'main',
      path: 'reported',
      plugin: {
        name: 'env-report-v1.0',
        env: [
          { name: 'FOO', value: 'bar-$ARGOCD_APP_NAME-${KUBE_VERSION}-$HOME-$$' },
          { name: 'lower_case', value: 'kept as written' },
        ],
        parameters: [
          { name: 'values-files', array: ['values-dev.yaml', 'values-<b>.yaml'] },
          { name: 'helm-parameters', map: { 'image.tag': 'v1.2.3', zeta: 'z' } },
          { name: 'mode', string: 'fast & safe' },
        ],
      },
    };
    const result = await renderSource(source, repo, context, options({ commitSha: SHA }));
    delete process.env.PLUMBLINE_CMP_TEST_SECRET;
    expect(result.sourceType).toBe('Plugin');
    expect(result.objects.map((o) => o.metadata.name)).toEqual(['reporter-env']);
    const { values, names } = reportedEnvironment(result.objects);
    expect(values).toEqual({
      ARGOCD_APP_NAME: 'reporter',
      ARGOCD_APP_NAMESPACE: 'team-a',
      ARGOCD_APP_PROJECT_NAME: 'payments',
      ARGOCD_APP_REVISION: SHA,
      ARGOCD_APP_REVISION_SHORT: SHA.slice(0, 7),
      ARGOCD_APP_REVISION_SHORT_8: SHA.slice(0, 8),
      ARGOCD_APP_SOURCE_PATH: 'reported',
      ARGOCD_APP_SOURCE_REPO_URL: 'https://git.example/team/config.git',
      ARGOCD_APP_SOURCE_TARGET_REVISION: 'main',
      KUBE_VERSION: '1.30.2',
      KUBE_API_VERSIONS: 'apps/v1,v1,apps/v1/Deployment',
      // only the build variables are substituted; $HOME is not one, `$$` is a `$`
      ARGOCD_ENV_FOO: 'bar-reporter-1.30.2--$',
      ARGOCD_ENV_lower_case: 'kept as written',
      PARAM_VALUES_FILES_0: 'values-dev.yaml',
      PARAM_VALUES_FILES_1: 'values-<b>.yaml',
      PARAM_HELM_PARAMETERS_IMAGE_TAG: 'v1.2.3',
      PARAM_HELM_PARAMETERS_ZETA: 'z',
      PARAM_MODE: 'fast & safe',
      // as Go's encoding/json writes it: keys sorted, <, > and & escaped
      ARGOCD_APP_PARAMETERS:
        '[{"array":["values-dev.yaml","values-\\u003cb\\u003e.yaml"],"name":"values-files"},' +
        '{"map":{"image.tag":"v1.2.3","zeta":"z"},"name":"helm-parameters"},' +
        '{"name":"mode","string":"fast \\u0026 safe"}]',
    });
    expect(names).toContain('PATH');
    expect(names).not.toContain('PLUMBLINE_CMP_TEST_SECRET');
    // the object is tracked for the application like any rendered object
    expect(result.objects[0]?.metadata.annotations?.['argocd.argoproj.io/tracking-id']).toBe(
      'reporter:/ConfigMap:team-a/reporter-env',
    );
  });

  it('discover a plugin for a source without a plugin block before kustomize, and only among configured plugins', async () => {
    const source = { repoURL: 'https://git.example/c.git', path: 'reported' };
    const found = await renderSource(source, repo, context, options());
    expect(found.sourceType).toBe('Plugin');
    // no plugin block: no parameters at all, as in Argo CD
    expect(reportedEnvironment(found.objects).values.ARGOCD_APP_PARAMETERS).toBeUndefined();
    const unconfigured = await renderSource(source, repo, context, options({ configManagementPlugins: [] }));
    expect(unconfigured.sourceType).toBe('Kustomize');
    const plain = await renderSource({ ...source, path: 'plain' }, repo, context, options());
    expect(plain.sourceType).toBe('Directory');
  });

  it('take an empty plugin block to mean "the plugin whose discovery matches", and say when none does', async () => {
    const found = await renderSource({ path: 'reported', plugin: {} }, repo, context, options());
    expect(reportedEnvironment(found.objects).values.ARGOCD_APP_PARAMETERS).toBe('null');
    await expect(renderSource({ path: 'named', plugin: {} }, repo, context, options())).rejects.toThrow(
      'could not find a config management plugin supporting this source: no discover rule of env-report-v1.0 matched',
    );
  });

  it('need the full name of a versioned plugin, and a named plugin with a discover rule must match', async () => {
    await expect(
      renderSource({ path: 'reported', plugin: { name: 'env-report' } }, repo, context, options()),
    ).rejects.toThrow(
      'could not find config management plugin "env-report" (configured: env-report-v1.0); a plugin with a version is named <name>-<version>: env-report-v1.0',
    );
    const picky = await writePlugin(join(root, 'plugins'), 'picky', {
      generate: shell('echo "{}"'),
      discover: { find: { glob: '**/*.picky' } },
    });
    await expect(
      renderSource(
        { path: 'plain', plugin: { name: 'picky' } },
        repo,
        context,
        options({ configManagementPlugins: [picky] }),
      ),
    ).rejects.toThrow(
      'config management plugin picky does not support this source: its discover rule matched nothing in plain',
    );
  });

  it('cache a render under the commit and the plugin definition', async () => {
    const counter = join(root, 'runs');
    await writeFile(counter, '');
    const spec = (label: string) => ({
      generate: shell(
        `echo run >> "${counter}"; printf '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"%s"}}' "${label}"`,
      ),
    });
    const dir = join(root, 'cached-plugins');
    const file = await writePlugin(dir, 'counted', spec('one'));
    const render = () =>
      renderSource(
        { path: 'plain', plugin: { name: 'counted' } },
        repo,
        context,
        options({ commitSha: SHA, configManagementPlugins: [file] }),
      );
    expect((await render()).fromCache).toBe(false);
    const again = await render();
    expect(again.fromCache).toBe(true);
    expect(again.toolVersions).toEqual({ 'plugin/counted': expect.stringMatching(/^sha256:[0-9a-f]{16}$/) });
    const { readFile, rename } = await import('node:fs/promises');
    // a changed definition renders again
    const other = await writePlugin(dir, 'counted', spec('two'));
    await rename(other, file);
    const changed = await render();
    expect(changed.fromCache).toBe(false);
    expect(changed.objects[0]?.metadata.name).toBe('two');
    expect((await readFile(counter, 'utf8')).trim().split('\n')).toHaveLength(2);
  });

  it('name the plugin, the phase and what the command wrote on stderr when a phase fails', async () => {
    const failing = await writePlugin(join(root, 'plugins'), 'failing', {
      init: shell('echo "cannot fetch dependencies" >&2; exit 4'),
      generate: shell('echo never'),
    });
    await expect(
      renderSource(
        { path: 'plain', plugin: { name: 'failing' } },
        repo,
        context,
        options({ configManagementPlugins: [failing] }),
      ),
    ).rejects.toThrow(
      'config management plugin failing: init failed: cannot fetch dependencies (exit code 4)',
    );
    const invalid = await writePlugin(join(root, 'plugins'), 'invalid', {
      generate: shell('echo "not: [yaml"'),
    });
    await expect(
      renderSource(
        { path: 'plain', plugin: { name: 'invalid' } },
        repo,
        context,
        options({ configManagementPlugins: [invalid] }),
      ),
    ).rejects.toThrow(
      /^source plain: config management plugin invalid wrote invalid YAML \(line \d+ of its output\): /,
    );
    const missing = await writePlugin(join(root, 'plugins'), 'missing', {
      generate: { command: ['no-such-program-here'] },
    });
    await expect(
      renderSource(
        { path: 'plain', plugin: { name: 'missing' } },
        repo,
        context,
        options({ configManagementPlugins: [missing] }),
      ),
    ).rejects.toThrow(
      'config management plugin missing: generate failed: no-such-program-here could not be started',
    );
  });

  it("render Argo CD's example application plugins/kustomized-helm with the plugin written for it", async () => {
    const helm = await resolveTool('helm', { cacheDir });
    const examples = join(root, 'argocd-example-apps');
    await cp(EXAMPLE_APPS, examples, { recursive: true });
    const result = await renderSource(
      {
        repoURL: 'https://github.com/argoproj/argocd-example-apps',
        path: 'plugins/kustomized-helm',
        plugin: { name: 'kustomized-helm' },
      },
      examples,
      // the overlay patches the chart's Deployment as it is named for the release "release-name"
      { ...context, appName: 'release-name', destinationNamespace: 'default' },
      options({
        configManagementPlugins: [KUSTOMIZED_HELM_PLUGIN],
        pathEnv: `${dirname(helm.path)}:${process.env.PATH ?? ''}`,
        timeoutMs: 60_000,
      }),
    );
    const byKind = Object.fromEntries(result.objects.map((o) => [o.kind, o]));
    expect(Object.keys(byKind).sort()).toEqual(['Deployment', 'Service']);
    expect(byKind.Deployment?.metadata.name).toBe('kustomize-release-name-helm-guestbook');
    type Pods = { spec: { template: { spec: { containers: Array<{ image: string }> } } } };
    const containers = (byKind.Deployment as unknown as Pods).spec.template.spec.containers;
    expect(containers[0]?.image).toBe('gcr.io/google-samples/gb-frontend:v5');
  }, 90_000);
});
