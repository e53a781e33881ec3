// .gitmodules as data: git's listing parsed, relative URLs resolved as git resolves them, and
// Plumbline's rule of which URLs, paths, names and update settings a submodule may have.
import { describe, expect, it } from 'vitest';
import { parseRepoUrl } from '../../../engine/git/repoUrl.ts';
import {
  parseGitmodulesListing,
  resolveRelativeUrl,
  submoduleNameProblem,
  submodulePathProblem,
  submoduleUpdateProblem,
  submoduleUrl,
} from '../../../engine/git/submoduleConfig.ts';
import { parseLfsPointer } from '../../../engine/git/lfsPointers.ts';
import { lfsEndpoint, withinLfsLimits } from '../../../engine/git/lfs.ts';
import { submodulesEnabled } from '../../../engine/git/submodules.ts';

const remote = parseRepoUrl('https://git.example.test/org/platform.git');
const local = parseRepoUrl('/srv/git/platform.git');

describe('.gitmodules listing', () => {
  it('reads names with dots and slashes, the last value winning', () => {
    const listing =
      'submodule.vendor/a.b.path\nvendor/a\0submodule.vendor/a.b.url\n../a.git\0submodule.vendor/a.b.url\n../a2.git\0core.bare\nfalse\0';
    expect([...parseGitmodulesListing(listing).values()]).toEqual([
      { name: 'vendor/a.b', path: 'vendor/a', url: '../a2.git' },
    ]);
  });
});

describe('relative submodule URLs', () => {
  it('resolve as git resolves them', () => {
    expect(resolveRelativeUrl('https://h/org/super.git', '../sub.git')).toBe('https://h/org/sub.git');
    expect(resolveRelativeUrl('https://h/org/super.git/', './x/../sub')).toBe(
      'https://h/org/super.git/x/../sub',
    );
    expect(resolveRelativeUrl('git@h:org/super.git', '../../other/sub.git')).toBe('git@h:other/sub.git');
    expect(resolveRelativeUrl('/srv/git/super.git', '../sub.git')).toBe('/srv/git/sub.git');
  });

  it('never climb above the host', () => {
    expect(() => resolveRelativeUrl('https://h/super.git', '../../x.git')).toThrow(/above the host/);
  });
});

describe('which submodule URLs are allowed', () => {
  it('remote ones under a remote superproject; local ones only under a local one', () => {
    expect(submoduleUrl('../sub.git', remote)).toMatchObject({ url: { transport: 'http' } });
    expect(submoduleUrl('ssh://git@other.test/x.git', remote)).toMatchObject({ url: { transport: 'ssh' } });
    expect(submoduleUrl('file:///etc', remote)).toMatchObject({ problem: expect.stringMatching(/local/) });
    expect(submoduleUrl('/srv/git/x.git', remote)).toMatchObject({ problem: expect.stringMatching(/local/) });
    expect(submoduleUrl('../sub.git', local)).toMatchObject({ url: { transport: 'file' } });
    expect(submoduleUrl('file:///srv/git/x.git', local)).toMatchObject({ url: { transport: 'file' } });
  });

  it('never options, remote helpers or relative paths without ./', () => {
    for (const bad of ['-uhack', 'ext::sh -c id', 'fd::3', 'transport::addr', 'sub.git', '', 'https://h/\nx'])
      expect(submoduleUrl(bad, remote)).toHaveProperty('problem');
  });
});

describe('paths, names and update settings', () => {
  it('refuses what leaves the repository or runs commands', () => {
    expect(submodulePathProblem('vendor/sub')).toBeNull();
    for (const bad of ['../x', 'a/../../x', '/etc', 'a//b', './a', '.git/hooks', 'a\\b', 'C:/x', ''])
      expect(submodulePathProblem(bad), bad).not.toBeNull();
    expect(submoduleNameProblem('vendor/sub')).toBeNull();
    expect(submoduleNameProblem('../../modules/x')).not.toBeNull();
    expect(submoduleUpdateProblem(undefined)).toBeNull();
    expect(submoduleUpdateProblem('none')).toBeNull();
    expect(submoduleUpdateProblem('!rm -rf /')).toMatch(/runs a command/);
    expect(submoduleUpdateProblem('sideways')).not.toBeNull();
  });

  it('the environment variable wins over the setting', () => {
    expect(submodulesEnabled(undefined, undefined)).toBe(true);
    expect(submodulesEnabled(undefined, false)).toBe(false);
    expect(submodulesEnabled('false', true)).toBe(false);
    expect(submodulesEnabled('true', false)).toBe(true);
  });
});

describe('Git LFS', () => {
  const oid = 'a'.repeat(64);
  it('knows a pointer from a file that mentions one', () => {
    expect(
      parseLfsPointer(`version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize 12\n`),
    ).toEqual({
      oid,
      size: 12,
    });
    expect(parseLfsPointer(`version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\n`)).toBeNull();
    expect(parseLfsPointer(`kind: ConfigMap\nversion https://git-lfs.github.com/spec/v1\n`)).toBeNull();
    expect(
      parseLfsPointer(`version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize 12`),
    ).toBeNull();
  });

  it('takes the endpoint from the repository URL and keeps within the limits', () => {
    expect(lfsEndpoint(remote)).toBe('https://git.example.test/org/platform.git/info/lfs');
    expect(lfsEndpoint(parseRepoUrl('https://h/org/app'))).toBe('https://h/org/app.git/info/lfs');
    const pointers = [
      { path: 'a', size: 10 },
      { path: 'huge', size: 1000 },
      { path: 'b', size: 50 },
      { path: 'c', size: 50 },
    ];
    expect(withinLfsLimits(pointers, { maxFileBytes: 100, maxTotalBytes: 70, maxFiles: 5 })).toEqual([
      { path: 'a', size: 10 },
      { path: 'b', size: 50 },
    ]);
  });
});
