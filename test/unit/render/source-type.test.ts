// How a source's type is chosen, checked against Argo CD's rules.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sourceTypeOf } from '../../../engine/render/index.ts';
import { makeWorkspace, type Workspace } from '../../fixtures/render/workspace.ts';

let ws: Workspace;
beforeEach(async () => {
  ws = await makeWorkspace();
});
afterEach(() => ws.cleanup());

describe('source type', () => {
  it('is found from the files directly in the application folder', async () => {
    expect(await sourceTypeOf({}, join(ws.repo, 'charts', 'api'))).toBe('Helm');
    expect(await sourceTypeOf({}, join(ws.repo, 'kustomize', 'overlays', 'prod'))).toBe('Kustomize');
    expect(await sourceTypeOf({}, join(ws.repo, 'plain'))).toBe('Directory');
    // Charts in sub-folders do not make the parent a chart.
    expect(await sourceTypeOf({}, join(ws.repo, 'charts'))).toBe('Directory');
  });

  it('prefers a kustomization over a Chart.yaml, and knows all three kustomization names', async () => {
    const dir = join(ws.repo, 'both');
    await mkdir(dir);
    await writeFile(join(dir, 'Chart.yaml'), 'name: x\n');
    await writeFile(join(dir, 'Kustomization'), 'resources: []\n');
    expect(await sourceTypeOf({}, dir)).toBe('Kustomize');
  });

  it('is Helm whenever a chart is named', async () => {
    expect(await sourceTypeOf({ chart: 'redis', kustomize: { namePrefix: 'x-' } }, undefined)).toBe('Helm');
  });

  it('follows an explicit block only when it sets something, as Argo CD normalises empty blocks away', async () => {
    const plain = join(ws.repo, 'plain');
    expect(await sourceTypeOf({ helm: {} }, plain)).toBe('Directory');
    expect(await sourceTypeOf({ helm: { valueFiles: [] }, kustomize: {} }, plain)).toBe('Directory');
    expect(await sourceTypeOf({ helm: { releaseName: 'x' } }, plain)).toBe('Helm');
    expect(await sourceTypeOf({ kustomize: { namePrefix: 'x-' } }, plain)).toBe('Kustomize');
    expect(await sourceTypeOf({ directory: { include: '*.yaml' } }, join(ws.repo, 'charts', 'api'))).toBe(
      'Directory',
    );
    expect(await sourceTypeOf({ directory: {} }, join(ws.repo, 'charts', 'api'))).toBe('Helm');
  });

  it('refuses two set blocks, a plugin block among them', async () => {
    const plain = join(ws.repo, 'plain');
    await expect(
      sourceTypeOf({ helm: { skipCrds: true }, directory: { recurse: true } }, plain),
    ).rejects.toThrow('multiple application sources defined: Helm,Directory');
    await expect(sourceTypeOf({ helm: { skipCrds: true }, plugin: {} }, plain)).rejects.toThrow(
      'multiple application sources defined: Helm,Plugin',
    );
  });

  it('takes a plugin block, even an empty one, for a config management plugin (Argo CD keeps it)', async () => {
    const plain = join(ws.repo, 'plain');
    expect(await sourceTypeOf({ plugin: { name: 'cmp' } }, plain)).toBe('Plugin');
    expect(await sourceTypeOf({ plugin: {} }, join(ws.repo, 'charts', 'api'))).toBe('Plugin');
  });

  it("asks the configured plugins' discovery first, before kustomize, helm and directory", async () => {
    const overlay = join(ws.repo, 'kustomize', 'overlays', 'prod');
    const asked: string[] = [];
    const claims = async (dir: string) => (asked.push(dir), true);
    expect(await sourceTypeOf({}, overlay, claims)).toBe('Plugin');
    expect(asked).toEqual([overlay]);
    expect(await sourceTypeOf({}, overlay, async () => false)).toBe('Kustomize');
    // an explicit block decides without asking
    expect(await sourceTypeOf({ directory: { recurse: true } }, overlay, claims)).toBe('Directory');
    expect(asked).toHaveLength(1);
  });
});
