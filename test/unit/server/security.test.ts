import { describe, expect, it } from 'vitest';
import { hostAllowed, newToken, originAllowed, tokenMatches } from '../../../main/server/security.ts';
import { resolveDataDir } from '../../../engine/store/dataDir.ts';

describe('headless host security', () => {
  it('makes a fresh unguessable token each start', () => {
    const a = newToken();
    expect(a).not.toBe(newToken());
    expect(a.length).toBeGreaterThanOrEqual(32);
  });

  it('matches tokens exactly', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abc', 'abd')).toBe(false);
    expect(tokenMatches('abc', 'abcd')).toBe(false);
    expect(tokenMatches('abc', null)).toBe(false);
  });

  it('allows only its own loopback origins and hosts', () => {
    expect(originAllowed('http://127.0.0.1:7420', 7420)).toBe(true);
    expect(originAllowed('http://localhost:7420', 7420)).toBe(true);
    expect(originAllowed('http://127.0.0.1:9999', 7420)).toBe(false);
    expect(originAllowed('https://evil.example', 7420)).toBe(false);
    expect(originAllowed(undefined, 7420)).toBe(true);
    expect(hostAllowed('evil.example:7420', 7420)).toBe(false);
    expect(hostAllowed('127.0.0.1:7420', 7420)).toBe(true);
  });
});

describe('the data folder', () => {
  it('is PLUMBLINE_DATA_DIR when set, for every host', () => {
    expect(resolveDataDir({ PLUMBLINE_DATA_DIR: '/data/pl' }, '/home/u', 'linux')).toBe('/data/pl');
  });

  it("is the operating system's application-data folder otherwise", () => {
    expect(resolveDataDir({}, '/home/u', 'linux')).toBe('/home/u/.config/plumbline');
    expect(resolveDataDir({ XDG_CONFIG_HOME: '/x' }, '/home/u', 'linux')).toBe('/x/plumbline');
    expect(resolveDataDir({}, '/Users/u', 'darwin')).toBe('/Users/u/Library/Application Support/Plumbline');
    expect(resolveDataDir({ APPDATA: 'C:\\AppData' }, 'C:\\u', 'win32')).toMatch(/Plumbline$/);
  });
});
