// The failure classes of `repos.test`, from the words git, ssh, curl and Node print.
import { describe, expect, it } from 'vitest';
import { classifyRepoProblem } from '../../../engine/repos/testFailure.ts';
import { parseKnownHosts } from '../../../engine/repos/knownHosts.ts';
import { githubAppJwt } from '../../../engine/repos/githubApp.ts';
import { generateKeyPairSync, createVerify } from 'node:crypto';

describe('classifyRepoProblem', () => {
  it.each([
    ['Host key verification failed.\nfatal: Could not read from remote repository.', 'host-key'],
    ['@@@ WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED! @@@', 'host-key'],
    ['No ED25519 host key is known for [127.0.0.1]:2222 and you have requested strict checking.', 'host-key'],
    ["fatal: unable to access 'https://h/r/': server certificate verification failed. CAfile: none", 'tls'],
    ["fatal: unable to access 'https://h/r/': SSL certificate problem: self-signed certificate", 'tls'],
    ['GitHub App API h: self-signed certificate', 'tls'],
    ["fatal: Authentication failed for 'https://h/r/'", 'auth'],
    ['git@h: Permission denied (publickey).', 'auth'],
    ["GitHub App 1 installation 2 at h: the API refused the app's token (401)", 'auth'],
    ['GET index.yaml: 401', 'auth'],
    ["fatal: repository 'https://h/r/' not found", 'not-found'],
    ['GET index.yaml: 404', 'not-found'],
    [
      "fatal: unable to access 'https://h/r/': Failed to connect to h port 9: Connection refused",
      'unreachable',
    ],
    ['getaddrinfo ENOTFOUND h', 'unreachable'],
    ['ssh: connect to host h port 22: Connection timed out', 'timeout'],
    ['something else', 'other'],
  ])('%s → %s', (message, problem) => {
    expect(classifyRepoProblem(message)).toBe(problem);
  });
});

describe('parseKnownHosts', () => {
  it('reads ssh-keyscan lines with their fingerprints and refuses anything else', () => {
    const key = 'AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';
    const [entry] = parseKnownHosts(`# github\n[127.0.0.1]:2222,h.example ssh-ed25519 ${key} comment\n`);
    expect(entry).toMatchObject({ hosts: '[127.0.0.1]:2222,h.example', keyType: 'ssh-ed25519' });
    expect(entry?.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(() => parseKnownHosts(`@cert-authority *.h ssh-ed25519 ${key}`)).toThrow(/line 1/);
    expect(() => parseKnownHosts(`h ssh-ed25519 ${key}\nh ssh-ed25519 not;base64`)).toThrow(/line 2/);
  });
});

describe('githubAppJwt', () => {
  it('is an RS256 JWT the public key verifies, issued by the app, valid ten minutes around now', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const now = Date.UTC(2030, 0, 1);
    const jwt = githubAppJwt('42', privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, now);
    const [header = '', payload = '', signature = ''] = jwt.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'RS256', typ: 'JWT' });
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toEqual({
      iat: now / 1000 - 60,
      exp: now / 1000 + 540,
      iss: '42',
    });
    expect(
      createVerify('RSA-SHA256')
        .update(`${header}.${payload}`)
        .verify(publicKey, Buffer.from(signature, 'base64url')),
    ).toBe(true);
    expect(() => githubAppJwt('42', 'not a key')).toThrow(/not a PEM private key/);
  });
});
