// Submodules in the render checkout, with real repositories: each submodule (and one nested in
// it) written at the commit the superproject pins, a new pin changing the checkout, a pinned
// commit on no branch, `update = none` and the setting that turns submodules off, and a private
// superproject on an HTTP server whose submodule gets the credentials stored for its own URL.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositoryCache } from '../../../engine/git/index.ts';
import { repoCredsTemplate } from '../../../engine/secrets/repoCredentials.ts';
import { memorySecretStore } from '../../../engine/secrets/secretStore.ts';
import { git, makeRemote, makeScratch, type Remote, type Scratch } from '../../support/gitFixtures.ts';
import { startHttpGitServer, type HttpGitServer } from '../../support/httpGitServer.ts';
import { commitPins, gitmodules } from '../../support/submoduleFixtures.ts';

let scratch: Scratch;
let leaf: Remote;
let sub: Remote;
let superproject: Remote;
const shas: Record<string, string> = {};

const LEAF_V1 = 'kind: ConfigMap\nmetadata:\n  name: leaf-v1\n';
const SUB_V1 = 'kind: ConfigMap\nmetadata:\n  name: sub-v1\n';
const SUB_V2 = 'kind: ConfigMap\nmetadata:\n  name: sub-v2\n';

beforeAll(async () => {
  scratch = await makeScratch();
  leaf = await makeRemote(scratch.root, 'leaf.git');
  shas.leaf = await leaf.commit({ 'cm.yaml': LEAF_V1 }, 'leaf v1');
  await leaf.push('main');
  sub = await makeRemote(scratch.root, 'sub.git');
  await sub.commit({ 'app/sub.yaml': SUB_V1 }, 'sub v1');
  shas.sub1 = await commitPins(sub, gitmodules({ nested: { path: 'nested', url: '../leaf.git' } }), [
    { path: 'nested', sha: shas.leaf! },
  ]);
  shas.sub2 = await sub.commit({ 'app/sub.yaml': SUB_V2 }, 'sub v2');
  // main of the submodule moves on past both pins
  shas.sub3 = await sub.commit({ 'app/sub.yaml': 'kind: ConfigMap\nmetadata:\n  name: sub-v3\n' }, 'v3');
  await sub.push('main');
  superproject = await makeRemote(scratch.root, 'super.git');
  const modules = gitmodules({ 'deploy-sub': { path: 'deploy/sub', url: '../sub.git' } });
  shas.super1 = await commitPins(superproject, modules, [{ path: 'deploy/sub', sha: shas.sub1! }], {
    'deploy/own.yaml': 'kind: ConfigMap\nmetadata:\n  name: own\n',
  });
  shas.super2 = await commitPins(superproject, modules, [{ path: 'deploy/sub', sha: shas.sub2! }]);
  await superproject.push('main');
});
afterAll(() => scratch.remove());

describe('submodules in the checkout', () => {
  it('writes a submodule and the one nested in it at the commits the superproject pins', async () => {
    const cache = createRepositoryCache({ cacheDir: join(scratch.root, 'cache-nested') });
    const dir = await cache.checkout(superproject.bare, shas.super1!);
    expect(await readFile(join(dir, 'deploy/own.yaml'), 'utf8')).toContain('name: own');
    expect(await readFile(join(dir, 'deploy/sub/app/sub.yaml'), 'utf8')).toBe(SUB_V1);
    expect(await readFile(join(dir, 'deploy/sub/nested/cm.yaml'), 'utf8')).toBe(LEAF_V1);
    // a checkout, not a clone: no .git anywhere
    expect(await readdir(join(dir, 'deploy/sub'))).not.toContain('.git');
  });

  it('follows a new pin: the superproject commit that pins the next submodule commit', async () => {
    const cache = createRepositoryCache({ cacheDir: join(scratch.root, 'cache-pins') });
    const before = await cache.checkout(superproject.bare, shas.super1!);
    const after = await cache.checkout(superproject.bare, 'main');
    expect(after).not.toBe(before);
    expect(await readFile(join(before, 'deploy/sub/app/sub.yaml'), 'utf8')).toBe(SUB_V1);
    expect(await readFile(join(after, 'deploy/sub/app/sub.yaml'), 'utf8')).toBe(SUB_V2);
  });

  it('fetches a pinned commit that no branch or tag of the submodule holds any more', async () => {
    const orphan = await makeRemote(scratch.root, 'orphan.git');
    await orphan.commit({ 'a.yaml': 'kind: ConfigMap\nmetadata:\n  name: kept\n' }, 'kept');
    await orphan.push('main');
    await git(orphan.work, 'checkout', '--quiet', '-b', 'gone');
    const lost = await orphan.commit({ 'a.yaml': 'kind: ConfigMap\nmetadata:\n  name: lost\n' }, 'lost');
    await orphan.push('gone');
    await git(orphan.work, 'push', '--quiet', 'origin', ':gone');
    const holder = await makeRemote(scratch.root, 'holder.git');
    await commitPins(holder, gitmodules({ o: { path: 'o', url: '../orphan.git' } }), [
      { path: 'o', sha: lost },
    ]);
    await holder.push('main');
    const cache = createRepositoryCache({ cacheDir: join(scratch.root, 'cache-orphan') });
    const dir = await cache.checkout(holder.bare, 'main');
    expect(await readFile(join(dir, 'o/a.yaml'), 'utf8')).toContain('name: lost');
  });

  it('leaves the folder empty when submodules are off, as before, and for update = none', async () => {
    const off = createRepositoryCache({ cacheDir: join(scratch.root, 'cache-off'), submodules: () => false });
    const dir = await off.checkout(superproject.bare, shas.super1!);
    expect(await readdir(join(dir, 'deploy/sub'))).toEqual([]);
    expect(await readFile(join(dir, 'deploy/own.yaml'), 'utf8')).toContain('name: own');

    const skipper = await makeRemote(scratch.root, 'skipper.git');
    await commitPins(skipper, gitmodules({ s: { path: 's', url: '../sub.git', update: 'none' } }), [
      { path: 's', sha: shas.sub2! },
    ]);
    await skipper.push('main');
    const cache = createRepositoryCache({ cacheDir: join(scratch.root, 'cache-none') });
    expect(await readdir(join(await cache.checkout(skipper.bare, 'main'), 's'))).toEqual([]);
  });

  it('turning submodules off and on again gives each its own tree', async () => {
    let enabled = false;
    const cache = createRepositoryCache({
      cacheDir: join(scratch.root, 'cache-toggle'),
      submodules: () => enabled,
    });
    const without = await cache.checkout(superproject.bare, shas.super1!);
    enabled = true;
    const withModules = await cache.checkout(superproject.bare, shas.super1!);
    expect(withModules).not.toBe(without);
    expect(await readdir(join(without, 'deploy/sub'))).toEqual([]);
    expect(await readFile(join(withModules, 'deploy/sub/app/sub.yaml'), 'utf8')).toBe(SUB_V1);
  });
});

describe('submodules of a private repository over HTTP', () => {
  let server: HttpGitServer;
  beforeAll(async () => {
    server = await startHttpGitServer({
      projectRoot: scratch.root,
      username: 'deployer',
      password: 'submodule-pw-5521',
      protect: 'all',
    });
  });
  afterAll(() => server.close());

  it('fetches the submodule with the credentials stored for its URL (a template for the server)', async () => {
    const secrets = memorySecretStore();
    await repoCredsTemplate(secrets, server.url('')).set({
      username: 'deployer',
      password: 'submodule-pw-5521',
    });
    const cache = createRepositoryCache({ cacheDir: join(scratch.root, 'cache-http'), secrets });
    const dir = await cache.checkout(server.url('super.git'), shas.super2!);
    expect(await readFile(join(dir, 'deploy/sub/app/sub.yaml'), 'utf8')).toBe(SUB_V2);
    expect(await readFile(join(dir, 'deploy/sub/nested/cm.yaml'), 'utf8')).toBe(LEAF_V1);
    expect(await readdir(join(scratch.root, 'cache-http', 'sessions'))).toEqual([]);
  });

  it('fails naming the submodule when its repository refuses the credentials', async () => {
    const secrets = memorySecretStore();
    await repoCredsTemplate(secrets, server.url('super.git')).set({
      username: 'deployer',
      password: 'submodule-pw-5521',
    });
    const cache = createRepositoryCache({ cacheDir: join(scratch.root, 'cache-http-partial'), secrets });
    const failure = await cache
      .checkout(server.url('super.git'), shas.super2!)
      .catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/submodule "deploy-sub" at deploy\/sub: .*sub/);
    expect((failure as Error).message).not.toContain('submodule-pw-5521');
  });
});
