// The pure parts of building chart dependencies: which repositories helm is told about, the key
// built dependencies are cached under, what Chart.yaml and Chart.lock say, and when to build.
import { describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  dependencyCacheKey,
  dependencyRepositories,
  readChartDependencies,
  repositoryAlias,
} from '../../../engine/render/helm-dependencies-list.ts';
import { needsBuild } from '../../../engine/render/helm-dependencies.ts';
import { tempDir } from '../../support/tempDir.ts';

const dep = (name: string, repository: string, version = '1.0.0') => ({ name, version, repository });
const configured = [{ name: 'private', url: 'https://charts.example.com/private', tlsCaData: 'PEM' }];

describe('repositories of the dependencies', () => {
  it('lists https and oci URLs named as Argo CD names them, and resolves @name and alias:name', () => {
    const repos = dependencyRepositories(
      [
        dep('a', 'https://charts.example.com/stable'),
        dep('b', 'https://charts.example.com/stable/'),
        dep('c', '@private'),
        dep('d', 'alias:private'),
        dep('e', 'oci://registry.example.com/charts'),
        dep('f', 'file://../f'),
        dep('g', ''),
        dep('h', 'http://plain.example.com'),
      ],
      configured,
      'chart',
    );
    expect(repos).toEqual([
      {
        name: 'https:--charts.example.com-stable',
        url: 'https://charts.example.com/stable',
        oci: false,
        settings: undefined,
        dependencyNames: ['a', 'b'],
      },
      {
        name: 'private',
        url: configured[0]!.url,
        oci: false,
        settings: configured[0],
        dependencyNames: ['c', 'd'],
      },
      {
        name: 'oci:--registry.example.com-charts',
        url: 'oci://registry.example.com/charts',
        oci: true,
        settings: undefined,
        dependencyNames: ['e'],
      },
    ]);
  });

  it('finds the settings of a URL dependency the user configured, whatever its case or trailing slash', () => {
    const [repo] = dependencyRepositories(
      [dep('a', 'https://CHARTS.example.com/private/')],
      configured,
      'chart',
    );
    expect(repo?.settings).toBe(configured[0]);
  });

  it('refuses an alias no configured repository has, naming it', () => {
    expect(() => dependencyRepositories([dep('a', '@nowhere')], configured, 'charts/app')).toThrow(
      'charts/app: dependency a names the Helm repository "nowhere" (@nowhere), which is not configured',
    );
    expect(repositoryAlias('alias:x')).toBe('x');
    expect(repositoryAlias('https://x')).toBeUndefined();
  });

  it('names a repository without the credentials its URL holds', () => {
    const [repo] = dependencyRepositories([dep('a', 'https://user:pw@charts.example.com/x')], [], 'chart');
    expect(repo?.name).toBe('https:--charts.example.com-x');
  });
});

describe('cache key of built dependencies', () => {
  const base = {
    dependencies: [dep('lib', 'https://charts.example.com', '^1.0.0')],
    lockDigest: 'sha256:aaa',
    repositories: [{ name: 'x', url: 'https://charts.example.com' }],
    localTrees: {},
  };
  it('follows the lock digest, the dependency list, the URLs aliases stand for and file:// contents', () => {
    const key = dependencyCacheKey(base);
    expect(dependencyCacheKey({ ...base })).toBe(key);
    expect(dependencyCacheKey({ ...base, lockDigest: 'sha256:bbb' })).not.toBe(key);
    expect(dependencyCacheKey({ ...base, lockDigest: undefined })).not.toBe(key);
    expect(
      dependencyCacheKey({ ...base, dependencies: [dep('lib', 'https://charts.example.com', '^1.1.0')] }),
    ).not.toBe(key);
    expect(
      dependencyCacheKey({ ...base, repositories: [{ name: 'x', url: 'https://elsewhere.example.com' }] }),
    ).not.toBe(key);
    expect(dependencyCacheKey({ ...base, localTrees: { 'file://../lib': 'abc' } })).not.toBe(key);
  });

  it('does not change with credentials in a URL or its case', () => {
    const key = dependencyCacheKey(base);
    expect(
      dependencyCacheKey({ ...base, repositories: [{ name: 'x', url: 'https://u:p@CHARTS.example.com/' }] }),
    ).toBe(key);
  });
});

describe('Chart.yaml and Chart.lock', () => {
  const root = tempDir();
  const chart = async (name: string, chartYaml: string, lock?: string) => {
    const dir = join(root, name);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'Chart.yaml'), chartYaml);
    if (lock) await writeFile(join(dir, 'Chart.lock'), lock);
    return dir;
  };

  it('reads the dependencies and the lock', async () => {
    const dir = await chart(
      'ok',
      'apiVersion: v2\nname: ok\nversion: 1.0.0\ndependencies:\n  - name: lib\n    version: ">=1.0 <2.0"\n    repository: "@private"\n',
      'dependencies:\n- name: lib\n  repository: "@private"\n  version: 1.4.0\ndigest: sha256:abc\n',
    );
    expect(await readChartDependencies(dir, 'ok')).toEqual({
      dependencies: [dep('lib', '@private', '>=1.0 <2.0')],
      lock: { digest: 'sha256:abc', dependencies: [dep('lib', '@private', '1.4.0')] },
    });
  });

  it.each([
    ['an option-like name', 'name: --set-file=x', /dependency name "--set-file=x" is not a chart name/],
    ['a path-like name', 'name: ../../etc', /dependency name "..\/..\/etc" is not a chart name/],
    ['a path-like version', 'name: lib\n    version: ../../x', /version "..\/..\/x" is not a version/],
    ['an option-like version', 'name: lib\n    version: --devel', /version "--devel" is not a version/],
    [
      'an option-like repository',
      'name: lib\n    repository: --insecure',
      /repository "--insecure" is not a repository/,
    ],
  ])('refuses %s', async (_what, fields, message) => {
    const dir = await chart(
      `bad-${Math.random()}`,
      `apiVersion: v2\nname: x\nversion: 1.0.0\ndependencies:\n  - ${fields}\n`,
    );
    await expect(readChartDependencies(dir, 'x')).rejects.toThrow(message);
  });
});

describe('when dependencies are built', () => {
  const lib = dep('lib', 'https://charts.example.com');
  const vendored = (version: string, archive = true) => [
    { file: `lib-${version}.tgz`, name: 'lib', version, archive },
  ];
  it("builds a dependency charts/ lacks (helm's own check), and an archive of another version than the lock's", () => {
    expect(needsBuild({ dependencies: [lib] }, [])).toBe(true);
    expect(needsBuild({ dependencies: [lib] }, vendored('0.9.0'))).toBe(false);
    const lock = { digest: 'sha256:x', dependencies: [lib] };
    expect(needsBuild({ dependencies: [lib], lock }, vendored('1.0.0'))).toBe(false);
    expect(needsBuild({ dependencies: [lib], lock }, vendored('0.9.0'))).toBe(true);
    // an unpacked folder is the user's own: kept whatever its version
    expect(needsBuild({ dependencies: [lib], lock }, vendored('0.9.0', false))).toBe(false);
  });
});
