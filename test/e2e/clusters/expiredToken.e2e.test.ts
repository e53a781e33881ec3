// An expired token, for real: a service account's token from the TokenRequest API, signed again
// with the cluster's own service-account key — once unchanged (accepted: the signing is right)
// and once with its lifetime moved into the past. The expired one is explained in plain words.
import { createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine, inProcessClient } from '../../../engine/index.ts';
import { stateDir } from '../../cluster/state.ts';
import { testClusterAddress } from '../../support/clusterFixtures.ts';
import { tempDir } from '../../support/tempDir.ts';
import { connect } from '../live/liveTestKit.ts';

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

function resigned(token: string, change: (claims: Record<string, unknown>) => void): string {
  const [header, payload] = token.split('.') as [string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  change(claims);
  const body = `${header}.${base64url(JSON.stringify(claims))}`;
  const key = readFileSync(join(stateDir(), 'plumbline-a', 'sa.key'), 'utf8');
  return `${body}.${createSign('RSA-SHA256').update(body).sign(key).toString('base64url')}`;
}

async function requestedToken(): Promise<string> {
  const answer = await connect('plumbline-a').requestJson<{ status: { token: string } }>({
    verb: 'patch',
    method: 'POST',
    path: '/api/v1/namespaces/default/serviceaccounts/default/token',
    body: JSON.stringify({
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      spec: { expirationSeconds: 600 },
    }),
    contentType: 'application/json',
    what: 'request a token of default/default',
  });
  return answer.status.token;
}

describe('an expired token', () => {
  it('is told apart from a working one, in plain words', async () => {
    const dir = tempDir();
    const engine = createEngine({ dataDir: dir, env: { PATH: process.env.PATH }, homeDir: dir });
    const client = inProcessClient(engine);
    const test = (token: string) =>
      client.call('clusters.testConnection', {
        candidate: { source: 'token', ...testClusterAddress('plumbline-a'), token },
      });
    try {
      const token = await requestedToken();
      expect(await test(resigned(token, () => undefined))).toMatchObject({
        authenticated: true,
        problem: null,
      });
      const hourAgo = Math.floor(Date.now() / 1000) - 3600;
      const expired = resigned(token, (claims) => {
        claims.iat = hourAgo - 600;
        claims.nbf = hourAgo - 600;
        claims.exp = hourAgo;
      });
      expect(await test(expired)).toMatchObject({
        reachable: true,
        authenticated: false,
        problem: 'the token was refused (401): it may be expired or wrong',
      });
    } finally {
      await engine.close();
    }
  });
});
