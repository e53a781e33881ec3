// Config management plugins without running them: a ConfigManagementPlugin file read and checked
// as Argo CD checks it, the environment and parameter names Argo CD builds, and the discovery
// rules (fileName, find.glob, find.command) with Argo CD's choice between plugins.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  escapedParamName,
  loadPlugins,
  parameterEnvironment,
  parsePluginDefinition,
  pluginEnvironment,
  pluginKubeVersion,
  type ConfigManagementPlugin,
} from '../../../engine/render/plugin/index.ts';
import {
  discoverPlugin,
  discoveredPlugin,
  matchPlugin,
  namedPlugin,
  type DiscoveryTarget,
} from '../../../engine/render/plugin/discovery.ts';
import { sourcePluginOf } from '../../../engine/render/plugin/environment.ts';
import { tempDir } from '../../support/tempDir.ts';
import { writePlugin, writeTree } from '../../fixtures/plugins/pluginFixtures.ts';

const definition = (
  spec: string,
  head = 'apiVersion: argoproj.io/v1alpha1\nkind: ConfigManagementPlugin\nmetadata:\n  name: cmp\n',
) => `${head}spec:\n${spec}`;
const parse = (text: string) => parsePluginDefinition(text, 'plugin.yaml');

describe('a ConfigManagementPlugin file', () => {
  it('is read with its commands joined as Argo CD joins them, and its full name', () => {
    const plugin = parse(
      definition(
        '  version: v1.0\n  init:\n    command: [sh]\n    args: [-c, "echo init"]\n  generate:\n    command: [sh, -c]\n    args: ["echo {}"]\n  discover:\n    find:\n      glob: "**/x"\n  preserveFileMode: true\n  lockRepo: true\n  parameters:\n    static: [{name: a}]\n',
      ),
    );
    expect(plugin).toMatchObject({
      name: 'cmp',
      version: 'v1.0',
      fullName: 'cmp-v1.0',
      init: { argv: ['sh', '-c', 'echo init'] },
      generate: { argv: ['sh', '-c', 'echo {}'] },
      discover: { glob: '**/x' },
      preserveFileMode: true,
    });
    expect(parse(definition('  generate:\n    command: [cat]\n')).fullName).toBe('cmp');
    expect(parse(definition('  generate:\n    command: [cat]\n')).discover).toBeUndefined();
    expect(parse(definition('  generate:\n    command: [cat]\n')).preserveFileMode).toBe(false);
  });

  it("is refused with Argo CD's words when the name, the kind or the generate command is missing", () => {
    expect(() =>
      parse(definition('  generate:\n    command: [cat]\n', 'kind: ConfigManagementPlugin\n')),
    ).toThrow(
      'config management plugin file plugin.yaml: invalid plugin configuration file. metadata.name should be non-empty',
    );
    expect(() =>
      parse(definition('  generate:\n    command: [cat]\n', 'kind: ConfigMap\nmetadata:\n  name: x\n')),
    ).toThrow('invalid plugin configuration file. kind should be ConfigManagementPlugin, found ConfigMap');
    expect(() => parse(definition('  generate:\n    args: [x]\n'))).toThrow(
      'invalid plugin configuration file. spec.generate command should be non-empty',
    );
    expect(() => parse(definition('  init:\n    command: [cat]\n'))).toThrow(
      'spec.generate command should be non-empty',
    );
  });

  it('is refused when a field has the wrong shape or a command holds a NUL', () => {
    expect(() => parse(definition('  generate:\n    command: cat\n'))).toThrow(
      'config management plugin file plugin.yaml: spec.generate.command:',
    );
    expect(() => parse(definition('  generate:\n    command: ["ca\\0t"]\n'))).toThrow(
      'a command word holds a NUL',
    );
    expect(() => parse(definition('  version: a/b\n  generate:\n    command: [cat]\n'))).toThrow(
      'spec.version',
    );
    expect(() => parse('- a list\n')).toThrow('config management plugin file plugin.yaml');
    expect(() => parse('spec: [unclosed\n')).toThrow('config management plugin file plugin.yaml');
  });

  it('is loaded from absolute paths only, sorted as Argo CD lists plugin sockets, and one full name only once', async () => {
    const dir = tempDir('plumbline-cmp-unit-');
    const b = await writePlugin(dir, 'b', { generate: { command: ['cat'] } });
    const a2 = await writePlugin(dir, 'a', { version: 'v2', generate: { command: ['cat'] } });
    const a = await writePlugin(dir, 'a', { generate: { command: ['cat'] } });
    // `a-v2.sock` sorts before `a.sock` ('-' < '.')
    expect((await loadPlugins([b, a, a2])).map((p) => p.fullName)).toEqual(['a-v2', 'a', 'b']);
    await expect(loadPlugins(['relative/plugin.yaml'])).rejects.toThrow('takes absolute paths');
    await expect(loadPlugins([join(dir, 'absent.yaml')])).rejects.toThrow(/absent\.yaml: .*ENOENT/);
    const twin = await writePlugin(dir, 'b', { generate: { command: ['echo'] } });
    await expect(loadPlugins([b, twin])).rejects.toThrow(/are both named b$/);
  });
});

describe('the environment of a plugin', () => {
  it("escapes parameter names as Argo CD does: upper case, every other character '_'", () => {
    expect(escapedParamName('values-files')).toBe('VALUES_FILES');
    expect(escapedParamName('image.tag')).toBe('IMAGE_TAG');
    expect(escapedParamName('a b/c$d')).toBe('A_B_C_D');
    // Go upper-cases rune by rune: ß has no one-rune capital and becomes one '_'
    expect(escapedParamName('straße')).toBe('STRA_E');
    expect(escapedParamName('')).toBe('');
  });

  it('names array items by index and map entries by escaped key, and writes ARGOCD_APP_PARAMETERS as Go does', () => {
    expect(
      parameterEnvironment([
        { name: 'some-array-param', array: ['item1', 'item2'] },
        { name: 'some-map-param', map: { 'image.tag': 'v1.2.3' } },
        { name: 'some-string-param', string: 'x' },
        { name: 'empty', array: [], map: {} },
      ]),
    ).toEqual({
      ARGOCD_APP_PARAMETERS:
        '[{"array":["item1","item2"],"name":"some-array-param"},{"map":{"image.tag":"v1.2.3"},"name":"some-map-param"},{"name":"some-string-param","string":"x"},{"array":[],"map":{},"name":"empty"}]',
      PARAM_SOME_ARRAY_PARAM_0: 'item1',
      PARAM_SOME_ARRAY_PARAM_1: 'item2',
      PARAM_SOME_MAP_PARAM_IMAGE_TAG: 'v1.2.3',
      PARAM_SOME_STRING_PARAM: 'x',
    });
    expect(parameterEnvironment(undefined)).toEqual({ ARGOCD_APP_PARAMETERS: 'null' });
    expect(parameterEnvironment([])).toEqual({ ARGOCD_APP_PARAMETERS: '[]' });
  });

  it("gives KUBE_VERSION as Kubernetes' generic version parser prints it", () => {
    expect(pluginKubeVersion('v1.30.2')).toBe('1.30.2');
    expect(pluginKubeVersion('1.30.11+IKS')).toBe('1.30.11');
    expect(pluginKubeVersion('v1.30')).toBe('1.30');
    expect(pluginKubeVersion(undefined)).toBe('');
    expect(() => pluginKubeVersion('v1')).toThrow('could not parse kubernetes version v1');
    expect(() => pluginKubeVersion('01.2')).toThrow('could not parse');
  });

  it('prefixes the source env with ARGOCD_ENV_ and substitutes only the build variables into it', () => {
    const env = pluginEnvironment(
      {
        appName: 'app',
        destinationNamespace: 'ns',
        revision: 'abc',
        kubeVersion: 'v1.29.0',
        apiVersions: ['v1'],
      },
      {
        env: [{ name: 'REV', value: 'test-$ARGOCD_APP_REVISION-${KUBE_VERSION}-$PATH-$$' }],
        parameters: undefined,
      },
    );
    expect(env.ARGOCD_ENV_REV).toBe('test-abc-1.29.0--$');
    expect(env.KUBE_API_VERSIONS).toBe('v1');
    expect(env.ARGOCD_APP_PARAMETERS).toBe('null');
    expect(Object.keys(env).filter((name) => !/^(ARGOCD_|KUBE_)/.test(name))).toEqual([]);
    // without a plugin block: no ARGOCD_ENV_*, no parameters
    const bare = pluginEnvironment({ appName: 'app', destinationNamespace: 'ns' }, undefined);
    expect(bare.ARGOCD_APP_PARAMETERS).toBeUndefined();
  });

  it('refuses an env name with "=" or a NUL anywhere, and values that are not strings, naming the field', () => {
    expect(() => sourcePluginOf({ env: [{ name: 'A=B', value: 'x' }] })).toThrow(
      'plugin.env.0.name: holds "="',
    );
    expect(() => sourcePluginOf({ env: [{ name: 'A', value: 'x\0y' }] })).toThrow(
      'plugin.env.0.value: holds a NUL',
    );
    expect(() => sourcePluginOf({ parameters: [{ name: 'p', string: 3 }] })).toThrow(
      'plugin.parameters.0.string',
    );
    expect(() => sourcePluginOf({ parameters: [{ name: 'p', map: { k: ['x'] } }] })).toThrow(
      'plugin.parameters.0.map.k',
    );
    expect(() => sourcePluginOf({ parameters: 'a' })).toThrow('plugin.parameters');
    expect(sourcePluginOf({ env: [{ name: 'A', value: 'multi\nline $(x) `y` ;z' }] }).env?.[0]?.value).toBe(
      'multi\nline $(x) `y` ;z',
    );
  });

  it('refuses an environment larger than 1 MiB', () => {
    const big = { env: [{ name: 'BIG', value: 'x'.repeat(1024 * 1024) }] };
    expect(() => pluginEnvironment({ appName: 'a', destinationNamespace: 'n' }, big)).toThrow(
      /make \d+ bytes of environment, over the limit/,
    );
  });
});

const plugin = (fullName: string, discover?: ConfigManagementPlugin['discover']): ConfigManagementPlugin => ({
  name: fullName,
  fullName,
  generate: { argv: ['cat'] },
  ...(discover ? { discover } : {}),
  preserveFileMode: false,
  file: `/${fullName}.yaml`,
  digest: 'sha256:0',
});

describe('discovery', async () => {
  const repo = await writeTree(tempDir('plumbline-cmp-discovery-'), {
    'apps/web/values.yaml': '',
    'apps/web/subdir/settings.yaml': '',
    'apps/web/deep/a/b/Chart.yaml': '',
    'apps/web/.hidden.cue': '',
    'other/flake.nix': '',
    'apps/web/.git/HEAD': '',
  });
  const appDir = join(repo, 'apps', 'web');
  const finds: string[] = [];
  const target = (output = ''): DiscoveryTarget => ({
    repoRoot: repo,
    appDir,
    runFind: async (p) => (finds.push(p.fullName), output),
  });
  const supported = async (discover: ConfigManagementPlugin['discover'], output = '') =>
    (await matchPlugin(plugin('p', discover), target(output))).supported;

  it('matches fileName as a Go glob in the application folder, never outside the repository', async () => {
    expect(await supported({ fileName: 'values.yaml' })).toBe(true);
    expect(await supported({ fileName: './subdir/s*.yaml' })).toBe(true);
    expect(await supported({ fileName: '*.cue' })).toBe(true);
    expect(await supported({ fileName: 'Chart.yaml' })).toBe(false);
    expect(await supported({ fileName: '../../other/flake.nix' })).toBe(true);
    expect(await supported({ fileName: '../../../*' })).toBe(false);
  });

  it('matches find.glob with ** across folders, never outside the repository', async () => {
    expect(await supported({ glob: '**/Chart.yaml' })).toBe(true);
    expect(await supported({ glob: '**/flake.nix' })).toBe(false);
    expect(await supported({ glob: '../../**/flake.nix' })).toBe(true);
    expect(await supported({ glob: '../../../**/*' })).toBe(false);
    expect(await supported({ glob: '**/HEAD' })).toBe(false);
  });

  it('matches find.command when it prints more than one line break, and takes only the first rule given', async () => {
    expect(await supported({ command: { argv: ['find'] } }, 'found\n')).toBe(true);
    expect(await supported({ command: { argv: ['find'] } }, '\n')).toBe(false);
    expect(await supported({ command: { argv: ['find'] } }, '')).toBe(false);
    finds.length = 0;
    expect(
      await supported({ fileName: 'none', glob: '**/Chart.yaml', command: { argv: ['find'] } }, 'x'),
    ).toBe(false);
    expect(finds).toEqual([]);
  });

  it('picks a named plugin when it has no rule or its rule matches', async () => {
    const plugins = [
      plugin('any'),
      plugin('nix', { fileName: 'flake.nix' }),
      plugin('web', { fileName: 'values.yaml' }),
    ];
    expect((await namedPlugin('any', plugins, target())).fullName).toBe('any');
    expect((await namedPlugin('web', plugins, target())).fullName).toBe('web');
    await expect(namedPlugin('nix', plugins, target())).rejects.toThrow(
      'config management plugin nix does not support this source: its discover rule matched nothing in apps/web',
    );
    await expect(namedPlugin('absent', plugins, target())).rejects.toThrow(
      'could not find config management plugin "absent" (configured: any, nix, web)',
    );
  });

  it('picks the first plugin whose rule matches, passing over plugins without rules and rules that fail', async () => {
    const failing = { ...target(), runFind: async () => Promise.reject(new Error('find exploded')) };
    const plugins = [
      plugin('a-failing', { command: { argv: ['x'] } }),
      plugin('b-norule'),
      plugin('c-web', { fileName: 'values.yaml' }),
      plugin('d-web', { fileName: 'values.yaml' }),
    ];
    expect((await discoverPlugin(plugins, failing)).plugin?.fullName).toBe('c-web');
    expect(await discoverPlugin([plugins[0]!, plugins[1]!], failing)).toEqual({
      failure: 'config management plugin a-failing: discover failed: find exploded',
    });
    await expect(discoveredPlugin([plugins[1]!], target())).rejects.toThrow(
      'configured: b-norule, and none has a discover rule; name one in plugin.name',
    );
  });
});

it('a plugin file is read again once changed', async () => {
  const dir = tempDir('plumbline-cmp-reload-');
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'p.yaml');
  await writeFile(file, definition('  generate:\n    command: [cat]\n'));
  const first = (await loadPlugins([file]))[0]!;
  await writeFile(file, definition('  generate:\n    command: [cat, -n]\n  version: v2\n'));
  const second = (await loadPlugins([file]))[0]!;
  expect(second.fullName).toBe('cmp-v2');
  expect(second.digest).not.toBe(first.digest);
});
