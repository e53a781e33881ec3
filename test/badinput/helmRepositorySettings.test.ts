// Hostile input to what renders read of the user's repositories and to helm file names with
// build variables: a damaged repositories.json, hostile URLs asked for their CA, a configured
// repository whose name imitates an option, and build variables that would turn a value file or
// a --set-file path into one outside the repository.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { renderSource } from '../../engine/render/index.ts';
import { RepoConnections } from '../../engine/repos/repoConnections.ts';
import { RepositoryIndex } from '../../engine/repos/repositoryIndex.ts';
import { renderRepositorySettings } from '../../engine/repos/renderRepositories.ts';
import { memorySecretStore } from '../../engine/secrets/secretStore.ts';
import { tempDir } from '../support/tempDir.ts';
import { badInputCases } from './corpus.ts';

const root = tempDir('plumbline-bad-repo-settings-');
let count = 0;

function folder(files: Record<string, string>): string {
  const dir = join(root, `case-${(count += 1)}`);
  mkdirSync(dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function settingsIn(dataDir: string) {
  const index = new RepositoryIndex(dataDir);
  return renderRepositorySettings(index, new RepoConnections(index, memorySecretStore()));
}

const chart = {
  'chart/Chart.yaml': 'apiVersion: v2\nname: chart\nversion: 0.1.0\n',
  'chart/templates/cm.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  v: {{ .Values.v | quote }}\n',
};

badInputCases('repositories read by renders', [
  {
    name: 'repositories.json that is not JSON, or has the wrong shape',
    outcome: 'no configured repository, no CA: renders go on',
    run: async () => {
      for (const text of ['{not json', '{"repositories": 7}', 'null', '\u0000'.repeat(100)]) {
        const settings = settingsIn(folder({ 'repositories.json': text }));
        expect(await settings.helmRepositories()).toEqual([]);
        expect(await settings.tlsFor('https://charts.example/x')).toEqual({});
      }
    },
  },
  {
    name: 'hostile URLs asked for their CA (empty, option-like, no host, huge port, 100 kB)',
    outcome: 'nothing trusted, no crash',
    run: async () => {
      const dataDir = folder({
        'repositories.json': JSON.stringify({
          repositories: [],
          tlsCertificates: [{ host: '127.0.0.1', pem: 'PEM' }],
        }),
      });
      const settings = settingsIn(dataDir);
      const urls = [
        '',
        '-x',
        'oci://',
        'https://',
        '::::',
        'oci://127.0.0.1:99999999/x',
        'h'.repeat(100_000),
      ];
      for (const url of urls) expect(await settings.tlsFor(url)).toEqual({});
      // the host's own, in each spelling of a registry
      for (const url of ['127.0.0.1/charts', 'oci://127.0.0.1/charts', 'https://127.0.0.1/charts'])
        expect(await settings.tlsFor(url)).toEqual({ tlsCaData: 'PEM' });
    },
  },
  {
    name: 'a configured Helm repository named like an option or a path, used by @name',
    outcome: 'reaches helm only inside repositories.yaml; the build fails on the unreachable URL',
    run: async () => {
      const dataDir = folder({
        'repositories.json': JSON.stringify({
          repositories: [
            {
              kind: 'repository',
              url: 'https://127.0.0.1:1/charts',
              key: 'https://127.0.0.1:1/charts',
              type: 'helm',
              name: '--repository-config=/etc/passwd',
              hasPassword: false,
              hasSshPrivateKey: false,
              hasTlsClientCert: false,
              insecure: false,
              enableOCI: false,
            },
          ],
        }),
      });
      const dir = folder({
        'chart/Chart.yaml':
          'apiVersion: v2\nname: chart\nversion: 0.1.0\ndependencies:\n  - name: lib\n    version: 1.0.0\n    repository: "@--repository-config=/etc/passwd"\n',
      });
      const error = await renderSource(
        { path: 'chart' },
        dir,
        { appName: 'a', destinationNamespace: 'a' },
        {
          cacheDir: join(root, 'cache-option'),
          repositorySettings: settingsIn(dataDir),
        },
      ).catch((e: unknown) => e as Error);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toContain('dependency lib');
      expect((error as Error).message).toContain('127.0.0.1:1');
      return (error as Error).message;
    },
  },
  {
    name: 'a value file and a --set-file path that build variables turn into ../ out of the repository',
    outcome: 'refused as outside the repository, the marker never read',
    run: async (marker) => {
      const dir = folder(chart);
      const hostile = { appName: `../../../../../../../..${marker.dir}`, destinationNamespace: 'a' };
      const options = { cacheDir: join(root, 'cache-env') };
      const outcomes: string[] = [];
      for (const helm of [
        { valueFiles: ['${ARGOCD_APP_NAME}/secret.txt'] },
        { fileParameters: [{ name: 'v', path: '${ARGOCD_APP_NAME}/secret.txt' }] },
      ]) {
        const error = await renderSource({ path: 'chart', helm }, dir, hostile, options).catch(
          (e: unknown) => e as Error,
        );
        expect(error).toBeInstanceOf(Error);
        expect((error as Error).message).toMatch(/outside the repository/);
        outcomes.push((error as Error).message);
      }
      return outcomes;
    },
  },
]);
