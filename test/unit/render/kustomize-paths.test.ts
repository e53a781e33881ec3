// The walk of a kustomization tree before kustomize runs: every path field, every reached
// kustomization, `..` and symlinks out of the repository, remote bases behind the setting.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { assertKustomizationInside, referencesOf } from '../../../engine/render/kustomize-paths.ts';
import { tempDir } from '../../support/tempDir.js';

let root: string;
let repo: string;
let outside: string;

async function put(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

beforeEach(async () => {
  root = tempDir('plumbline-kpaths-');
  repo = join(root, 'repo');
  outside = join(root, 'outside');
  await put(join(outside, 'kustomization.yaml'), 'resources: [cm.yaml]\n');
  await put(join(outside, 'cm.yaml'), 'kind: ConfigMap\n');
  await put(join(repo, 'base', 'kustomization.yaml'), 'resources: [cm.yaml]\n');
  await put(join(repo, 'base', 'cm.yaml'), 'kind: ConfigMap\n');
});

const check = (dir: string, allowRemote = false) =>
  assertKustomizationInside({ root: repo, dir: join(repo, dir), allowRemote });

async function app(kustomization: string): Promise<void> {
  await put(join(repo, 'app', 'kustomization.yaml'), kustomization);
}

describe('kustomization paths', () => {
  it('lets an overlay reach its base and files inside the repository', async () => {
    await app(
      'resources: [../base]\npatches:\n  - path: patch.yaml\nconfigMapGenerator:\n  - name: c\n    files: [k=../base/cm.yaml]\n',
    );
    await expect(check('app')).resolves.toBeUndefined();
  });

  it.each([
    ['resources: [../../outside]', 'resources entry "../../outside" points outside the repository'],
    ['bases: [../../outside]', 'bases entry'],
    ['components: [../../outside]', 'components entry'],
    ['resources: [/etc]', 'resources entry "/etc" points outside'],
    ['patchesStrategicMerge: [../../outside/cm.yaml]', 'patchesStrategicMerge entry'],
    ['patches:\n  - path: ../../outside/cm.yaml', 'patches.path entry'],
    ['patchesJson6902:\n  - path: ../../outside/cm.yaml', 'patchesJson6902.path entry'],
    ['replacements:\n  - path: ../../outside/cm.yaml', 'replacements.path entry'],
    [
      'configMapGenerator:\n  - name: c\n    files: [k=../../outside/cm.yaml]',
      'configMapGenerator.files entry',
    ],
    ['secretGenerator:\n  - name: s\n    envs: [../../outside/cm.yaml]', 'secretGenerator.envs entry'],
    ['configMapGenerator:\n  - name: c\n    env: ../../outside/cm.yaml', 'configMapGenerator.env entry'],
    ['crds: [../../outside/cm.yaml]', 'crds entry'],
    ['configurations: [../../outside/cm.yaml]', 'configurations entry'],
    ['openapi:\n  path: ../../outside/cm.yaml', 'openapi.path entry'],
    ['helmCharts:\n  - name: x\n    valuesFile: ../../outside/cm.yaml', 'helmCharts.valuesFile entry'],
    ['generators: [../../outside]', 'generators entry'],
    ['transformers: [../../outside/cm.yaml]', 'transformers entry'],
  ])('refuses %j, naming the file and the field', async (kustomization, message) => {
    await app(`${kustomization}\n`);
    await expect(check('app')).rejects.toThrow(`app/kustomization.yaml: ${message}`);
  });

  it('walks into reached kustomizations and names the one at fault', async () => {
    await put(join(repo, 'base', 'kustomization.yaml'), 'resources: [cm.yaml, ../../outside]\n');
    await app('resources: [../base]\n');
    await expect(check('app')).rejects.toThrow('base/kustomization.yaml: resources entry "../../outside"');
  });

  it('refuses a symlink out of the repository, and a symlinked kustomization pointing out', async () => {
    await symlink(outside, join(repo, 'link'));
    await app('resources: [../link]\n');
    await expect(check('app')).rejects.toThrow('leads outside the repository through a symlink');
    await mkdir(join(repo, 'linked'));
    await symlink(join(outside, 'kustomization.yaml'), join(repo, 'linked', 'kustomization.yaml'));
    await expect(check('linked')).rejects.toThrow('linked/kustomization.yaml leads outside the repository');
  });

  it('refuses remote bases unless allowed, and file:// always', async () => {
    await app('resources: [https://github.com/org/repo//deploy?ref=v1]\n');
    await expect(check('app')).rejects.toThrow(/is remote; remote kustomize bases are off/);
    await expect(check('app', true)).resolves.toBeUndefined();
    await app('resources: [github.com/org/repo/deploy]\n');
    await expect(check('app')).rejects.toThrow(/does not exist in the repository \(kustomize would fetch it/);
    await expect(check('app', true)).resolves.toBeUndefined();
    await app('resources: [file:///etc/passwd]\n');
    await expect(check('app', true)).rejects.toThrow(/file:\/\/ address/);
  });

  it('stops at a cycle of kustomizations', async () => {
    await put(join(repo, 'a', 'kustomization.yaml'), 'resources: [../b]\n');
    await put(join(repo, 'b', 'kustomization.yaml'), 'resources: [../a]\n');
    await expect(check('a')).resolves.toBeUndefined();
  });

  it('lets a build folder outside the repository reach in, but no further', async () => {
    const overlay = join(root, 'scratch');
    await put(join(overlay, 'kustomization.yaml'), `resources: [../repo/base]\n`);
    await expect(
      assertKustomizationInside({ root: repo, dir: overlay, allowRemote: false }),
    ).resolves.toBeUndefined();
    await put(join(overlay, 'kustomization.yaml'), `resources: [../outside]\n`);
    await expect(assertKustomizationInside({ root: repo, dir: overlay, allowRemote: false })).rejects.toThrow(
      /points outside the repository/,
    );
  });

  it('reads inline patches as content, not paths', () => {
    const refs = referencesOf({
      patchesStrategicMerge: ['kind: X\nmetadata: {}\n'],
      patches: [{ patch: 'a' }],
    });
    expect(refs).toEqual([]);
  });
});
