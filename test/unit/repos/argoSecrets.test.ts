// Argo CD repository Secrets as Plumbline reads them: data (base64) under stringData, templates
// from repo-creds, the GitHub App and TLS fields, and what is skipped and why.
import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES, parseArgoRepoSecrets } from '../../../engine/repos/argoSecrets.ts';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('parseArgoRepoSecrets', () => {
  it('reads every key Argo CD reads, stringData winning over data', () => {
    const yaml = `
apiVersion: v1
kind: Secret
metadata: {name: app-repo, namespace: argocd, labels: {argocd.argoproj.io/secret-type: repository}}
data:
  url: ${b64('https://github.com/org/app')}
  password: ${b64('from-data')}
  githubAppID: ${b64('12345')}
  githubAppInstallationID: ${b64('678')}
  githubAppPrivateKey: ${b64('PEM')}
  githubAppEnterpriseBaseUrl: ${b64('https://ghe.example.test/api/v3')}
stringData:
  password: from-stringData
  username: bot
  insecure: "true"
  proxy: http://proxy.example.test:3128
  noProxy: .internal
  project: team
  name: app
  tlsClientCertData: CERT
  tlsClientCertKey: KEY
`;
    const { repositories, skipped } = parseArgoRepoSecrets(yaml, 'f.yaml');
    expect(skipped).toEqual([]);
    expect(repositories).toEqual([
      {
        secret: 'argocd/app-repo',
        definition: {
          kind: 'repository',
          url: 'https://github.com/org/app',
          type: 'git',
          name: 'app',
          project: 'team',
          insecure: true,
          enableOCI: false,
          proxy: 'http://proxy.example.test:3128',
          noProxy: '.internal',
          credentials: {
            username: 'bot',
            password: 'from-stringData',
            githubAppId: '12345',
            githubAppInstallationId: '678',
            githubAppPrivateKey: 'PEM',
            githubAppEnterpriseBaseUrl: 'https://ghe.example.test/api/v3',
            tlsClientCertData: 'CERT',
            tlsClientCertKey: 'KEY',
          },
        },
      },
    ]);
  });

  it('reads repo-creds as templates, helm and oci types, and Lists', () => {
    const yaml = `
kind: List
items:
- kind: Secret
  metadata: {name: creds, labels: {argocd.argoproj.io/secret-type: repo-creds}}
  stringData: {url: "git@github.com:org", sshPrivateKey: KEY}
- kind: Secret
  metadata: {name: charts, labels: {argocd.argoproj.io/secret-type: repository}}
  stringData: {url: "registry.example.test/charts", type: helm, enableOCI: "true", username: u, password: p}
`;
    const { repositories } = parseArgoRepoSecrets(yaml, 'f.yaml');
    expect(
      repositories.map((item) => [item.definition.kind, item.definition.type, item.definition.enableOCI]),
    ).toEqual([
      ['template', 'git', false],
      ['repository', 'helm', true],
    ]);
  });

  it('skips other secret types, missing URLs, unknown repository types and bad IDs with the reason, never a value', () => {
    const yaml = `
kind: Secret
metadata: {name: cluster, labels: {argocd.argoproj.io/secret-type: cluster}}
---
kind: Secret
metadata: {name: nolabel}
---
kind: Secret
metadata: {name: nourl, labels: {argocd.argoproj.io/secret-type: repository}}
stringData: {password: hunter2-secret}
---
kind: Secret
metadata: {name: svn, labels: {argocd.argoproj.io/secret-type: repository}}
stringData: {url: "https://h/r", type: svn, password: hunter2-secret}
---
kind: Secret
metadata: {name: app, labels: {argocd.argoproj.io/secret-type: repository}}
stringData: {url: "https://h/r", githubAppID: "12x", password: hunter2-secret}
---
kind: Secret
metadata: {name: b64, labels: {argocd.argoproj.io/secret-type: repository}}
data: {url: "not base64!", password: "hunter2-secret!"}
---
kind: ConfigMap
metadata: {name: ignored}
`;
    const { repositories, skipped } = parseArgoRepoSecrets(yaml, 'f.yaml');
    expect(repositories).toEqual([]);
    expect(skipped.map((item) => `${item.secret}: ${item.reason}`)).toEqual([
      'default/cluster: secret-type "cluster" is not repository or repo-creds',
      'default/nolabel: no argocd.argoproj.io/secret-type label',
      'default/nourl: no url',
      'default/svn: type "svn" is not git, helm or oci',
      'default/app: githubAppID is not a number',
      'default/b64: data.url is not base64',
    ]);
    expect(JSON.stringify(skipped)).not.toContain('hunter2');
  });

  it('refuses an oversized file and invalid YAML without quoting it', () => {
    expect(() => parseArgoRepoSecrets('a'.repeat(MAX_IMPORT_BYTES + 1), 'big.yaml')).toThrow(
      /over the import limit/,
    );
    const bad = 'kind: Secret\nstringData: {password: "hunter2-secret\n  : [';
    expect(() => parseArgoRepoSecrets(bad, 'bad.yaml')).toThrow(/^bad.yaml: not valid YAML/);
    try {
      parseArgoRepoSecrets(bad, 'bad.yaml');
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('hunter2');
      expect((error as Error).cause).toBeUndefined();
    }
  });
});
