// The secret scan against the test cluster: the application whose repository URL holds a password
// is synced there for real, so the data folder also holds its operation state and history
// entry, the CLI prints that history, and the cluster's own kubeconfig tokens are planted
// credentials too. Nothing of any credential may show (see test/integration/security/secretScan.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { testKubeconfigPath } from '../../cluster/kubeconfig.ts';
import { scanUnavailable, secretScan, type Planted } from '../../integration/security/secretScan.ts';

function clusterTokens(path: string): Planted[] {
  const config = parse(readFileSync(path, 'utf8')) as {
    users: Array<{ name: string; user: { token?: string } }>;
  };
  return config.users.flatMap(({ name, user }) =>
    user.token ? [{ what: `test cluster token of ${name}`, secret: user.token }] : [],
  );
}

describe.skipIf(scanUnavailable !== null)(`the secret scan with a sync ${scanUnavailable ?? ''}`, () => {
  it(
    'finds no credential in the operation state, history, outputs, answers or events',
    { timeout: 600_000 },
    async () => {
      const kubeconfig = testKubeconfigPath();
      const { leaks, result } = await secretScan({
        kubeconfig,
        context: 'plumbline-a',
        namespace: 'secret-scan',
        credentials: clusterTokens(kubeconfig),
      });
      // the sync ran: its history entry (with the repository URL) was written and shown
      const history = result.captured.findLast(
        ({ from }) => from === 'in-process apps.history {"name":"url-creds"}',
      );
      const sync = result.captured.find(({ from }) => from.startsWith('in-process apps.sync'));
      expect(history?.text, sync?.text).toContain('"result":"Succeeded"');
      expect(history?.text).toMatch(/"repoURL":"http:\/\/127\.0\.0\.1:\d+\/good\.git"/);
      expect(leaks).toEqual([]);
    },
  );
});
