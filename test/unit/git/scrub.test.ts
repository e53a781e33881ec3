import { describe, expect, it } from 'vitest';
import {
  displayUrl,
  redactSecrets,
  rememberLogin,
  rememberSecret,
  rememberUrlCredentials,
  scrub,
  scrubDeep,
  scrubUrlCredentials,
} from '../../../engine/git/scrub.ts';

describe('scrubUrlCredentials', () => {
  it('removes the whole userinfo of http(s) URLs, tokens included', () => {
    expect(scrubUrlCredentials("fatal: unable to access 'https://user:pa55@host/app.git/'")).toBe(
      "fatal: unable to access 'https://***@host/app.git/'",
    );
    expect(scrubUrlCredentials('http://ghp_abcdef@host/app')).toBe('http://***@host/app');
  });

  it('keeps a bare ssh login name and drops a password with its user', () => {
    expect(scrubUrlCredentials('ssh://git@host/app and ssh://git:pw@host/app')).toBe(
      'ssh://git@host/app and ssh://***@host/app',
    );
  });

  it('takes a password holding an @ whole', () => {
    expect(scrubUrlCredentials('oci://robot:p@ss@registry.test/charts')).toBe(
      'oci://***@registry.test/charts',
    );
  });

  it('finds userinfo in a percent-encoded URL', () => {
    expect(scrubUrlCredentials('next=https%3A%2F%2Fuser%3Apa55%40host%2Fapp')).toBe(
      'next=https%3A%2F%2F***%40host%2Fapp',
    );
  });

  it("finds a password in git's scp-like form, not a login name", () => {
    expect(scrubUrlCredentials("fatal: 'deploy:ghp_x1@host:org/app.git' failed")).toBe(
      "fatal: '***@host:org/app.git' failed",
    );
    expect(scrubUrlCredentials('git@host:org/app.git')).toBe('git@host:org/app.git');
  });

  it('leaves text without credentials alone', () => {
    const text = 'fatal: repository https://host/app.git not found; mail admin@example.test';
    expect(scrubUrlCredentials(text)).toBe(text);
  });
});

describe('displayUrl', () => {
  it('shows a URL without any userinfo but an ssh login name', () => {
    expect(displayUrl('https://user:pa55@host/app.git')).toBe('https://host/app.git');
    expect(displayUrl('https://tok3n@host/app.git')).toBe('https://host/app.git');
    expect(displayUrl('ssh://git:pw@host/app')).toBe('ssh://host/app');
    expect(displayUrl('ssh://git@host/app')).toBe('ssh://git@host/app');
    expect(displayUrl('git@host:org/app.git')).toBe('git@host:org/app.git');
    expect(displayUrl('deploy:ghp_x1@host:org/app.git')).toBe('host:org/app.git');
  });
});

describe('redactSecrets', () => {
  it('replaces secrets, also percent-encoded', () => {
    expect(redactSecrets('sent p@ss/1 as p%40ss%2F1', ['p@ss/1'])).toBe('sent *** as ***');
  });

  it('replaces each long line of a private key, not its header', () => {
    const key = '-----BEGIN KEY-----\nAAAAB3NzaC1yc2EAAAADAQABAAABAQ\nshort\n-----END KEY-----';
    const text = 'Load key: AAAAB3NzaC1yc2EAAAADAQABAAABAQ: invalid format';
    expect(redactSecrets(text, [key])).toBe('Load key: ***: invalid format');
  });

  it('finds a secret base64-encoded at any position of the encoded bytes', () => {
    const secret = 'unit-secret-0a1b2c';
    for (const prefix of ['', 'u:', 'us:', 'user:']) {
      const encoded = Buffer.from(`${prefix}${secret}`).toString('base64');
      expect(redactSecrets(`remote: ${encoded}`, [secret])).not.toContain(encoded.slice(8, 16));
    }
  });

  it('ignores empty secrets', () => {
    expect(redactSecrets('unchanged', [''])).toBe('unchanged');
  });
});

describe('scrub', () => {
  it('does both', () => {
    expect(scrub('https://u:tok3n@h/x failed with tok3n', ['tok3n'])).toBe('https://***@h/x failed with ***');
  });

  it('removes the value of Authorization headers and of bare Basic/Bearer tokens, not the words', () => {
    expect(scrub('remote: Authorization: Basic dXNlcjpwYXNz')).toBe('remote: Authorization: Basic ***');
    expect(scrub('sent Bearer eyJhbGciOi.x_y-z9')).toBe('sent Bearer ***');
    const prose = 'basic authentication (username/password) is not supported';
    expect(scrub(prose)).toBe(prose);
  });

  it('removes every credential it was told of, in each encoding', () => {
    rememberLogin({ username: 'unit-user', password: 'unit-pass-77f1' });
    rememberSecret('unit-token-93ac51');
    rememberUrlCredentials('https://someone:unit-url-pass-4e2%40x@host/app');
    const basic = Buffer.from('unit-user:unit-pass-77f1').toString('base64');
    const text = [
      'unit-pass-77f1',
      basic,
      'unit-token-93ac51',
      Buffer.from('unit-token-93ac51').toString('base64'),
      'unit-url-pass-4e2@x',
      'unit-url-pass-4e2%40x',
    ].join(' ');
    expect(scrub(text)).toBe('*** *** *** *** *** ***');
  });
});

describe('scrubDeep', () => {
  it('scrubs every string of a JSON-like value and keeps its shape', () => {
    const value = { apps: [{ repoURL: 'https://u:p4ss@h/x', count: 3, ok: true, none: null }] };
    expect(scrubDeep(value)).toEqual({
      apps: [{ repoURL: 'https://***@h/x', count: 3, ok: true, none: null }],
    });
  });
});
