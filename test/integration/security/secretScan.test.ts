// The secret scan without a cluster: every credential planted in URLs, the kubeconfig, the
// keychain and an echoing git server's answers stays out of every file, output, answer and
// event (see secretScan.ts).
import { describe, expect, it } from 'vitest';
import { scanUnavailable, secretScan } from './secretScan.ts';

describe.skipIf(scanUnavailable !== null)(`the secret scan ${scanUnavailable ?? ''}`, () => {
  it(
    'finds no planted credential, in any encoding, in any file, output, answer or event',
    { timeout: 600_000 },
    async () => {
      const { leaks, places } = await secretScan();
      expect(leaks).toEqual([]);
      expect(places).toBeGreaterThan(100);
    },
  );
});
