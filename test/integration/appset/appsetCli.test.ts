// `plumbline appset generate`, run as a user runs it: a set of the workspace by name and a set
// from a file, the kubeconfig's contexts offered to the clusters generator, YAML and JSON output,
// and a broken set that exits 1 naming the set and the generator. Each run starts its own engine.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../../support/cli.ts';
import { tempDir } from '../../support/tempDir.ts';
import { cliWorkspaceEnv } from '../../support/workspaceFixtures.ts';

const dir = tempDir();
const { workspace, env } = cliWorkspaceEnv(dir);

const setYaml = (name: string, generators: unknown[]) =>
  stringify({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name },
    spec: {
      generators,
      template: {
        metadata: { name: '{{nameNormalized}}-{{app}}' },
        spec: {
          project: 'default',
          source: { repoURL: 'https://git.example.test/shop.git', path: '{{app}}' },
          destination: { server: '{{server}}', namespace: '{{app}}' },
        },
      },
    },
  });

beforeAll(async () => {
  await mkdir(workspace, { recursive: true });
  const matrix = { matrix: { generators: [{ clusters: {} }, { list: { elements: [{ app: 'cart' }] } }] } };
  await writeFile(join(workspace, 'shop.yaml'), setYaml('shop', [matrix]));
  await writeFile(
    join(dir, 'broken.yaml'),
    setYaml('broken', [
      { list: { elements: [{ app: 'x', nameNormalized: 'n', server: 'https://a.test' }] } },
      { pullRequest: {} },
    ]),
  );
});

describe('plumbline appset generate', () => {
  it(
    'prints the applications of a workspace set, a kubeconfig context and the in-cluster entry as clusters',
    { timeout: 180_000 },
    async () => {
      const result = await runCli(['appset', 'generate', 'shop', '--output', 'json'], env);
      expect(result.stderr).toContain(
        'ApplicationSet shop: 2 application(s): dev-cart, in-cluster-cart (previewed, not created)',
      );
      expect(result.code).toBe(0);
      const apps = JSON.parse(result.stdout) as {
        metadata: { name: string };
        spec: { destination: unknown };
      }[];
      expect(apps.map((app) => [app.metadata.name, app.spec.destination])).toEqual([
        ['dev-cart', { server: 'https://127.0.0.1:9', namespace: 'cart' }],
        ['in-cluster-cart', { server: 'https://kubernetes.default.svc', namespace: 'cart' }],
      ]);
    },
  );

  it(
    'reads a set from a file and exits 1 naming the set and the generator that failed',
    { timeout: 180_000 },
    async () => {
      const result = await runCli(['appset', 'generate', join(dir, 'broken.yaml')], env);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        'ApplicationSet broken, generator 1 (pullRequest): no pullRequest provider implementation configured',
      );
      expect(result.stdout).toBe('');
    },
  );

  it('renders a goTemplate set with helm', { timeout: 180_000 }, async () => {
    const set = stringify({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: { name: 'gotmpl' },
      spec: {
        goTemplate: true,
        goTemplateOptions: ['missingkey=error'],
        generators: [{ list: { elements: [{ team: { name: 'Cart' } }] } }],
        template: {
          metadata: { name: '{{ .team.name | lower }}' },
          spec: {
            project: 'default',
            source: { repoURL: 'r', path: 'apps/{{ .team.name }}' },
            destination: { name: 'dev' },
          },
        },
      },
    });
    await writeFile(join(dir, 'gotmpl.yaml'), set);
    const result = await runCli(['appset', 'generate', join(dir, 'gotmpl.yaml')], env);
    expect(result.stderr).toContain('ApplicationSet gotmpl: 1 application(s): cart (previewed, not created)');
    expect(result.stdout).toContain('path: apps/Cart');
    expect(result.code).toBe(0);
  });
});

describe('plumbline appsets, appset NAME, appset preview', () => {
  it('lists the sets with their generators in words', { timeout: 180_000 }, async () => {
    const result = await runCli(['appsets'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^NAME +GENERATORS +APPLICATIONS +POLICY +ERRORS\n/);
    expect(result.stdout).toMatch(/shop +matrix of \(every cluster\) × \(list of 1 element\) +0 +sync/);
  });

  it(
    'shows one set; the CLI shows what a running host generated (nothing yet here)',
    { timeout: 180_000 },
    async () => {
      const result = await runCli(['appset', 'shop'], env);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Generator 1: matrix of (every cluster) × (list of 1 element)');
      expect(result.stdout).toContain('Generated:   not yet');
    },
  );

  it(
    'previews a set of the workspace: every application to create, with its definition',
    { timeout: 180_000 },
    async () => {
      const result = await runCli(['appset', 'preview', 'shop'], env);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(
        'ApplicationSet shop: 2 to create, 0 to change, 0 to delete, 0 kept by its policy, 0 unchanged',
      );
      expect(result.stdout).toContain('===== create dev-cart');
      expect(result.stdout).toContain('+    namespace: cart');
      const json = await runCli(['appset', 'preview', 'shop', '--output', 'json'], env);
      const preview = JSON.parse(json.stdout) as { entries: { name: string; action: string }[] };
      expect(preview.entries.map((e) => [e.name, e.action])).toEqual([
        ['dev-cart', 'create'],
        ['in-cluster-cart', 'create'],
      ]);
    },
  );

  it(
    'previews a broken set from a file: the errors, nothing would change, exit 1',
    { timeout: 180_000 },
    async () => {
      const result = await runCli(['appset', 'preview', join(dir, 'broken.yaml'), '--output', 'json'], env);
      expect(result.code).toBe(1);
      const preview = JSON.parse(result.stdout) as { errors: string[]; entries: unknown[] };
      expect(preview.errors).toEqual([
        expect.stringContaining(
          'generator 1 (pullRequest): no pullRequest provider implementation configured',
        ),
      ]);
      expect(preview.entries).toEqual([]);
      const text = await runCli(['appset', 'preview', join(dir, 'broken.yaml')], env);
      expect(text.code).toBe(1);
      expect(text.stdout).toBe(
        'ApplicationSet broken: does not generate; none of its applications would change\n',
      );
      expect(text.stderr).toContain('error: ApplicationSet broken, generator 1 (pullRequest)');
    },
  );
});
