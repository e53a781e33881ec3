// Connection failures and missing rights in the plain words the wizard and the CLI show.
import { describe, expect, it } from 'vitest';
import { KubeApiError } from '../../../engine/cluster/apiError.ts';
import { missingPermissions } from '../../../engine/clusters/accessReview.ts';
import { connectionProblem } from '../../../engine/clusters/connectionProblem.ts';

const server = 'https://k8s.example.test:6443';
const failure = (status: number, reason: string) =>
  new KubeApiError(`read /version: ${reason}`, status, reason);

describe('connectionProblem', () => {
  it('names refused credentials by what was presented', () => {
    expect(connectionProblem(failure(401, 'Unauthorized'), server, 'token').message).toBe(
      'the token was refused (401): it may be expired or wrong',
    );
    expect(connectionProblem(failure(401, 'Unauthorized'), server, 'certificate').message).toMatch(
      /^the client certificate was refused \(401\)/,
    );
  });

  it('tells TLS trouble from network trouble', () => {
    expect(connectionProblem(failure(0, 'SELF_SIGNED_CERT_IN_CHAIN'), server, 'token')).toEqual({
      reachable: true,
      message:
        "the server's TLS certificate is signed by an unknown certificate authority (CA): check the cluster's CA data (SELF_SIGNED_CERT_IN_CHAIN)",
    });
    expect(connectionProblem(failure(0, 'ERR_TLS_CERT_ALTNAME_INVALID'), server, 'token').message).toMatch(
      /not valid for k8s\.example\.test/,
    );
    expect(connectionProblem(failure(0, 'ENOTFOUND'), server, 'token')).toEqual({
      reachable: false,
      message: `cannot reach ${server}: the host name does not resolve`,
    });
  });

  it('passes other errors through', () => {
    expect(
      connectionProblem(new Error('exec plugin aws was not found in PATH (/usr/bin)'), server, 'token'),
    ).toEqual({
      reachable: false,
      message: 'exec plugin aws was not found in PATH (/usr/bin)',
    });
  });
});

describe('missingPermissions', () => {
  it('groups denied verbs by namespace', () => {
    const checks = [
      { namespace: 'team-b', verb: 'create' as const, allowed: false },
      { namespace: 'team-b', verb: 'get' as const, allowed: true },
      { namespace: 'team-b', verb: 'delete' as const, allowed: false },
      { namespace: null, verb: 'watch' as const, allowed: false },
    ];
    expect(missingPermissions(checks)).toEqual([
      'cannot create, delete in namespace team-b',
      'cannot watch cluster-wide',
    ]);
  });
});
