// The `helm template` command line, built as Argo CD builds it (no helm is run here).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { escapeSetValue, helmKubeVersion, helmTemplateArgs } from '../../../engine/render/helm.ts';
import { makeWorkspace, type Workspace } from '../../fixtures/render/workspace.ts';
import type { HelmSourceOptions } from '../../../engine/render/types.ts';

let ws: Workspace;
beforeEach(async () => {
  ws = await makeWorkspace();
});
afterEach(() => ws.cleanup());

async function args(options: HelmSourceOptions, refSources: Record<string, string> = {}) {
  const chartDir = join(ws.repo, 'charts', 'api');
  const built = await helmTemplateArgs({
    helmPath: 'helm',
    helmEnv: {},
    roots: { repoRoot: ws.repo, chartDir, refSources },
    chartLabel: 'charts/api',
    options,
    context: {
      appName: 'shop',
      destinationNamespace: 'prod',
      kubeVersion: 'v1.30.4-eks-1a2b',
      apiVersions: ['a/v1'],
    },
    scratchDir: ws.root,
  });
  return built.build();
}

describe('helm template arguments', () => {
  it('defaults the release to the app and the namespace to the destination, and includes CRDs', async () => {
    const chartDir = join(ws.repo, 'charts', 'api');
    expect(await args({})).toEqual([
      'template',
      '--namespace=prod',
      '--kube-version=1.30.4',
      '--api-versions=a/v1',
      '--include-crds',
      '--',
      'shop',
      chartDir,
    ]);
  });

  it('orders parameters, value files (chart-relative, / for the repository root, $ref) and inline values', async () => {
    const result = await args(
      {
        releaseName: 'api',
        namespace: 'other',
        parameters: [
          { name: 'a', value: 'x,y' },
          { name: 'b', value: '1', forceString: true },
          { name: 'a', value: '{p,q}' },
        ],
        valueFiles: ['values-prod.yaml', '/envs/shared.yaml', '$values/env/prod.yaml', 'absent.yaml'],
        ignoreMissingValueFiles: true,
        values: 'greeting: inline',
        skipCrds: true,
        skipTests: true,
        apiVersions: ['b/v1'],
      },
      { values: ws.valuesRepo },
    );
    expect(result).toEqual([
      'template',
      '--namespace=other',
      '--kube-version=1.30.4',
      '--set=a={p,q}',
      '--set-string=b=1',
      `--values=${join(ws.repo, 'charts', 'api', 'values-prod.yaml')}`,
      `--values=${join(ws.repo, 'envs', 'shared.yaml')}`,
      `--values=${join(ws.valuesRepo, 'env', 'prod.yaml')}`,
      `--values=${join(ws.root, 'source-values.yaml')}`,
      '--api-versions=b/v1',
      '--skip-tests',
      '--',
      'api',
      join(ws.repo, 'charts', 'api'),
    ]);
  });

  it('refuses value files outside the repository and missing ones unless told to ignore them', async () => {
    await expect(args({ valueFiles: ['../../../values-repo/env/prod.yaml'] })).rejects.toThrow(
      'value file ../../../values-repo/env/prod.yaml points outside the repository',
    );
    await expect(
      args({ valueFiles: ['$values/../../repo/envs/shared.yaml'] }, { values: ws.valuesRepo }),
    ).rejects.toThrow(/points outside the repository/);
    await expect(args({ valueFiles: ['absent.yaml'] })).rejects.toThrow(
      'value file absent.yaml does not exist',
    );
    await expect(args({ valueFiles: ['file:///etc/passwd'] })).rejects.toThrow(/only http and https URLs/);
  });

  it('refuses input that a tool would read as an option, naming it', async () => {
    await expect(args({ releaseName: '--set-file=x=/etc/passwd' })).rejects.toThrow(
      'helm release name "--set-file=x=/etc/passwd" can not start with "-"',
    );
    await expect(args({ releaseName: '--output-dir=/tmp/x' })).rejects.toThrow(
      /release name .* can not start/,
    );
    await expect(args({ namespace: '-n' })).rejects.toThrow('helm namespace "-n" can not start with "-"');
    await expect(args({ apiVersions: ['--debug'] })).rejects.toThrow(/API version "--debug"/);
    await expect(args({ parameters: [{ name: '--x', value: '1' }] })).rejects.toThrow(/helm parameter/);
    await expect(args({ releaseName: 'a\nb' })).rejects.toThrow(/contains a line break/);
  });

  it('keeps a parameter value with a leading dash or a line break inside its --set', async () => {
    const result = await args({
      parameters: [
        { name: 'n', value: '-1' },
        { name: 'm', value: 'a\nb' },
      ],
    });
    expect(result).toContain('--set=n=-1');
    expect(result).toContain('--set=m=a\nb');
  });
});

describe('helm helpers', () => {
  it('escapes commas in --set values the way Argo CD does', () => {
    expect(escapeSetValue('a,b,,c')).toBe('a\\,b\\,\\,c');
    expect(escapeSetValue('a\\,b')).toBe('a\\,b');
    expect(escapeSetValue('{a,b}')).toBe('{a,b}');
  });

  it('keeps the semantic part of a kubernetes version', () => {
    expect(helmKubeVersion('v1.29')).toBe('1.29.0');
    expect(helmKubeVersion(undefined)).toBeUndefined();
    expect(() => helmKubeVersion('latest')).toThrow(/could not parse/);
  });
});
