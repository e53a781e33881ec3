import { describe, expect, it } from 'vitest';
import { redactSecrets, scrub, scrubUrlCredentials } from '../../../engine/git/scrub.ts';

describe('scrubUrlCredentials', () => {
  it('removes the whole userinfo of http(s) URLs, tokens included', () => {
    expect(scrubUrlCredentials("fatal: unable to access 'https://user:pa55@host/app.git/'")).toBe(
      "fatal: unable to access 'https://***@host/app.git/'",
    );
    expect(scrubUrlCredentials('http://ghp_abcdef@host/app')).toBe('http://***@host/app');
  });

  it('keeps the login name of other schemes and drops their password', () => {
    expect(scrubUrlCredentials('ssh://git@host/app and ssh://git:pw@host/app')).toBe(
      'ssh://git@host/app and ssh://git:***@host/app',
    );
  });

  it('leaves text without credentials alone', () => {
    const text = 'fatal: repository https://host/app.git not found; mail admin@example.test';
    expect(scrubUrlCredentials(text)).toBe(text);
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

  it('ignores empty secrets', () => {
    expect(redactSecrets('unchanged', [''])).toBe('unchanged');
  });
});

describe('scrub', () => {
  it('does both', () => {
    expect(scrub('https://u:tok3n@h/x failed with tok3n', ['tok3n'])).toBe('https://***@h/x failed with ***');
  });
});
