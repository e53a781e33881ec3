import { describe, expect, it } from 'vitest';
import { normalizeRepoUrl, parseRepoUrl, repoCacheKey } from '../../../engine/git/repoUrl.ts';
import { RepositoryError } from '../../../engine/git/repositoryError.ts';

describe('normalizeRepoUrl', () => {
  it.each([
    ['https://GitHub.com/Org/App.git', 'https://github.com/Org/App'],
    ['https://github.com/Org/App/', 'https://github.com/Org/App'],
    ['https://github.com:443/Org/App.git/', 'https://github.com/Org/App'],
    ['https://user:token@github.com/Org/App.git', 'https://github.com/Org/App'],
    ['http://127.0.0.1:8080/repo.git', 'http://127.0.0.1:8080/repo'],
    ['git@github.com:org/app.git', 'ssh://git@github.com/org/app'],
    ['ssh://git@GitHub.com:22/org/app.git', 'ssh://git@github.com/org/app'],
    ['git+ssh://git@host:2222/org/app', 'ssh://git@host:2222/org/app'],
    ['git://host/org/app.git', 'git://host/org/app'],
    ['file:///srv/repos/app.git', 'file:///srv/repos/app'],
    ['/srv/repos/app.git/', 'file:///srv/repos/app'],
    ['  https://github.com/org/app  ', 'https://github.com/org/app'],
  ])('%s → %s', (input, normalized) => {
    expect(normalizeRepoUrl(input)).toBe(normalized);
  });

  it('gives one cache key to spellings of one repository, another to another', () => {
    const key = repoCacheKey(normalizeRepoUrl('https://github.com/org/app.git'));
    expect(repoCacheKey(normalizeRepoUrl('https://GITHUB.com/org/app/'))).toBe(key);
    expect(repoCacheKey(normalizeRepoUrl('https://github.com/org/other'))).not.toBe(key);
    expect(key).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('parseRepoUrl', () => {
  it('takes credentials out of an http(s) URL and gives git the rest', () => {
    const parsed = parseRepoUrl('https://deploy%40corp:s3cr%2Ft@git.example.test/org/app.git');
    expect(parsed.embedded).toEqual({ username: 'deploy@corp', password: 's3cr/t' });
    expect(parsed.fetchUrl).toBe('https://git.example.test/org/app.git');
    expect(parsed.display).toBe('https://***@git.example.test/org/app.git');
    expect(parsed.transport).toBe('http');
  });

  it('keeps the ssh login name but not a password', () => {
    const parsed = parseRepoUrl('ssh://git:pw@host/org/app.git');
    expect(parsed.fetchUrl).toBe('ssh://git@host/org/app.git');
    expect(parsed.embedded).toEqual({ password: 'pw' });
    expect(parsed.display).not.toContain('pw');
  });

  it('hands git local repositories as absolute paths', () => {
    expect(parseRepoUrl('file:///srv/my%20repos/app.git').fetchUrl).toBe('/srv/my repos/app.git');
    expect(parseRepoUrl('/srv/app.git')).toMatchObject({ fetchUrl: '/srv/app.git', transport: 'file' });
    expect(parseRepoUrl('git@host:org/app.git')).toMatchObject({
      fetchUrl: 'git@host:org/app.git',
      transport: 'ssh',
    });
  });

  it.each([
    ['', 'empty'],
    ['--upload-pack=touch pwned', 'can not start with "-"'],
    ['ext::sh -c touch% pwned', 'remote helper'],
    ['ftp://host/app.git', 'unsupported scheme "ftp"'],
    ['https://host/app\n.git', 'control characters'],
  ])('refuses %j', (input, reason) => {
    expect(() => parseRepoUrl(input)).toThrow(RepositoryError);
    expect(() => parseRepoUrl(input)).toThrow(reason);
  });

  it.each([
    ['ghcr.io/example/charts', 'write oci://ghcr.io/example/charts for an OCI registry'],
    ['localhost/charts', 'oci://localhost/charts'],
    ['repos/shop', 'give a local repository by its absolute path'],
    ['./shop', 'absolute path'],
    ['~/shop', 'absolute path'],
  ])('refuses %j, neither a URL nor an absolute path, saying what to write', (input, advice) => {
    expect(() => parseRepoUrl(input)).toThrow(RepositoryError);
    expect(() => parseRepoUrl(input)).toThrow(advice);
  });

  it('names a refused URL without its credentials', () => {
    expect(() => parseRepoUrl('ftp://user:hunter22@host/app')).toThrow('ftp://***@host/app');
  });
});
