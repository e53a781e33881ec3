// Hostile submodules: a remote superproject (served over HTTP here) whose .gitmodules names URLs
// that are options, remote helpers (ext::, fd::), local repositories of this machine (the marker
// folder, made a git repository), relative URLs that climb past the host; paths and names with
// `..`, an `update = !command`, a gitlink .gitmodules does not list, an oversized .gitmodules,
// submodules nested too deep or too many, and a submodule folder reached through a symlink. Each
// is refused naming the submodule, and nothing of the marker ever reaches a checkout.
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { createRepositoryCache, type RepositoryCache } from '../../engine/git/index.ts';
import { folderProblem } from '../../engine/git/submodules.ts';
import { git, makeRemote, type Remote } from '../support/gitFixtures.ts';
import { startHttpGitServer, type HttpGitServer } from '../support/httpGitServer.ts';
import { commitPins, gitmodules } from '../support/submoduleFixtures.ts';
import { tempDir } from '../support/tempDir.ts';
import { badInputCases, type OutsideMarker } from './corpus.ts';

const root = tempDir('plumbline-badsubmodules-');
let server: HttpGitServer;
let count = 0;
let leafSha: string;

beforeAll(async () => {
  server = await startHttpGitServer({ projectRoot: root, username: 'u', password: 'p-77', protect: 'push' });
  const leaf = await makeRemote(root, 'leaf.git');
  leafSha = await leaf.commit({ 'cm.yaml': 'kind: ConfigMap\n' }, 'leaf');
  await leaf.push('main');
});
afterAll(() => server.close());

function cache(options: Parameters<typeof createRepositoryCache>[0] | object = {}): RepositoryCache {
  return createRepositoryCache({ cacheDir: join(root, `cache-${(count += 1)}`), ...options });
}

/** The marker's folder as a git repository: a submodule that reached it would check secret.txt out. */
async function markerRepository(marker: OutsideMarker): Promise<string> {
  if (!existsSync(join(marker.dir, '.git'))) {
    await git(marker.dir, 'init', '--quiet');
    await git(marker.dir, 'add', 'secret.txt');
    await git(marker.dir, 'commit', '--quiet', '-m', 'secret');
  }
  return marker.dir;
}

/** Every file of a checkout with its text, for the leak check. */
async function filesOf(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      files[join(entry.parentPath, entry.name)] = await readFile(join(entry.parentPath, entry.name), 'utf8');
  }
  return files;
}

/** A remote superproject pinning `pins` under the given .gitmodules; its URL on the server. */
async function superproject(modules: string, pins: Array<{ path: string; sha?: string }>): Promise<string> {
  const name = `super-${(count += 1)}.git`;
  const remote: Remote = await makeRemote(root, name);
  await remote.commit({ 'own.yaml': 'kind: ConfigMap\n' }, 'own');
  await commitPins(
    remote,
    modules,
    pins.map((pin) => ({ path: pin.path, sha: pin.sha ?? leafSha })),
  );
  await remote.push('main');
  return server.url(name);
}

/** Checks the superproject out: must fail; returns what it produced (message, or every file). */
async function refused(url: string, expected: RegExp, repos = cache()): Promise<unknown> {
  const outcome = await repos.checkout(url, 'main').then(
    async (dir) => ({ files: await filesOf(dir) }),
    (error: Error) => ({ message: error.message }),
  );
  expect(outcome, 'the checkout must be refused').toHaveProperty('message');
  expect((outcome as { message: string }).message).toMatch(expected);
  return outcome;
}

const one = (name: string, values: Record<string, string>) =>
  gitmodules({ [name]: { path: 'sub', ...values } });

badInputCases('submodules', [
  {
    name: 'a submodule URL starting with "-" (-oProxyCommand=...)',
    outcome: 'refused naming the submodule',
    run: async (marker) =>
      refused(
        await superproject(one('opt', { url: `-oProxyCommand=touch ${marker.dir}/pwned` }), [
          { path: 'sub' },
        ]),
        /submodule "opt" at sub of .*starts with "-"/,
      ),
  },
  {
    name: 'a submodule URL ext::sh -c ...',
    outcome: 'refused: a remote helper',
    run: async (marker) => {
      const outcome = await refused(
        await superproject(one('ext', { url: `ext::sh -c touch% ${marker.dir}/pwned` }), [{ path: 'sub' }]),
        /submodule "ext" at sub .*remote helper/,
      );
      expect(existsSync(join(marker.dir, 'pwned'))).toBe(false);
      return outcome;
    },
  },
  {
    name: 'a submodule URL fd::17',
    outcome: 'refused: a remote helper',
    run: async () =>
      refused(
        await superproject(one('fd', { url: 'fd::17' }), [{ path: 'sub' }]),
        /submodule "fd" .*remote helper/,
      ),
  },
  {
    name: 'a file:// URL of a local repository (the marker) under a remote superproject',
    outcome: 'refused: a remote repository may only have remote submodules',
    run: async (marker) =>
      refused(
        await superproject(one('local', { url: `file://${await markerRepository(marker)}` }), [
          { path: 'sub' },
        ]),
        /submodule "local" at sub .*is a local repository/,
      ),
  },
  {
    name: 'an absolute path of a local repository (the marker) under a remote superproject',
    outcome: 'refused: a remote repository may only have remote submodules',
    run: async (marker) =>
      refused(
        await superproject(one('path', { url: await markerRepository(marker) }), [{ path: 'sub' }]),
        /submodule "path" at sub .*is a local repository/,
      ),
  },
  {
    name: 'a relative URL climbing past the host (../../../x)',
    outcome: 'refused: it leaves the superproject host',
    run: async () =>
      refused(
        await superproject(one('climb', { url: '../../../../elsewhere.git' }), [{ path: 'sub' }]),
        /submodule "climb" at sub .*climbs above the host of the superproject/,
      ),
  },
  {
    name: 'an ssh URL whose host starts with "-"',
    outcome: 'refused naming the submodule',
    run: async () =>
      refused(
        await superproject(one('dash-host', { url: 'ssh://-oProxyCommand=id/repo.git' }), [{ path: 'sub' }]),
        /submodule "dash-host" at sub .*host starting with "-"/,
      ),
  },
  {
    name: 'a .gitmodules path climbing out of the repository (../../outside)',
    outcome: 'refused: the path leaves the repository',
    run: async () =>
      refused(
        await superproject(
          gitmodules({
            good: { path: 'sub', url: '../leaf.git' },
            escape: { path: '../../outside', url: '../leaf.git' },
          }),
          [{ path: 'sub' }],
        ),
        /submodule "escape" .*leaves the repository/,
      ),
  },
  {
    name: 'a submodule name with .. (../../modules/evil)',
    outcome: 'refused: the name contains ".."',
    run: async () =>
      refused(
        await superproject(gitmodules({ '../../modules/evil': { path: 'sub', url: '../leaf.git' } }), [
          { path: 'sub' },
        ]),
        /submodule "..\/..\/modules\/evil" .*its name contains "\.\."/,
      ),
  },
  {
    name: 'update = !command',
    outcome: 'refused, the command never runs',
    run: async (marker) => {
      const outcome = await refused(
        await superproject(one('cmd', { url: '../leaf.git', update: `!touch ${marker.dir}/pwned` }), [
          { path: 'sub' },
        ]),
        /submodule "cmd" .*runs a command/,
      );
      expect(existsSync(join(marker.dir, 'pwned'))).toBe(false);
      return outcome;
    },
  },
  {
    name: 'a gitlink that .gitmodules does not list',
    outcome: 'refused naming its path',
    run: async () =>
      refused(
        await superproject(one('listed', { url: '../leaf.git' }), [{ path: 'sub' }, { path: 'unlisted' }]),
        /submodule at unlisted .*no URL for it in \.gitmodules/,
      ),
  },
  {
    name: 'a .gitmodules of 300 KiB',
    outcome: 'refused as too large',
    run: async () =>
      refused(
        await superproject(`${one('big', { url: '../leaf.git' })}# ${'x'.repeat(300 * 1024)}\n`, [
          { path: 'sub' },
        ]),
        /\.gitmodules of .*larger than/,
      ),
  },
  {
    name: 'submodules nested 7 deep (each commit pins the one before, in the same repository)',
    outcome: 'refused at the 6th level',
    timeoutMs: 60_000,
    run: async () => {
      const chain = await makeRemote(root, `chain-${(count += 1)}.git`);
      let pinned = await chain.commit({ 'base.yaml': 'kind: ConfigMap\n' }, 'base');
      const modules = gitmodules({ m: { path: 'm', url: `../${chain.bare.split('/').pop()}` } });
      for (let level = 0; level < 7; level += 1)
        pinned = await commitPins(chain, modules, [{ path: 'm', sha: pinned }], {}, `level ${level}`);
      await chain.push('main');
      const name = chain.bare.split('/').pop()!;
      return refused(server.url(name), /submodule "m" at m\/m\/m\/m\/m\/m .*nest deeper than 5/);
    },
  },
  {
    name: 'more submodules than the limit',
    outcome: 'refused naming the first over it',
    run: async () => {
      const url = await superproject(
        gitmodules(Object.fromEntries(['a', 'b', 'c', 'd'].map((n) => [n, { path: n, url: '../leaf.git' }]))),
        ['a', 'b', 'c', 'd'].map((path) => ({ path })),
      );
      return refused(
        url,
        /submodule "d" at d .*more than 3 submodules/,
        cache({ submoduleLimits: { maxDepth: 5, maxCount: 3, timeMs: 60_000 } }),
      );
    },
  },
  {
    name: 'a submodule folder reached through a symlink to the marker folder',
    outcome: 'refused: the path passes through a symlink',
    run: async (marker) => {
      const checkout = join(root, `tree-${(count += 1)}`);
      await mkdir(checkout);
      await symlink(marker.dir, join(checkout, 'link'));
      const problem = await folderProblem(checkout, 'link/sub');
      expect(problem).toMatch(/passes through a symlink/);
      expect(existsSync(join(marker.dir, 'sub'))).toBe(false);
      await writeFile(join(checkout, 'file'), 'x');
      expect(await folderProblem(checkout, 'file/sub')).toMatch(/not a folder/);
      return problem;
    },
  },
]);
