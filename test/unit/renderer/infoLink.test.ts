import { describe, expect, it } from 'vitest';
import { infoLink } from '../../../renderer/src/views/apps/info/infoLink.ts';

describe('infoLink', () => {
  it('links absolute http and https URLs', () => {
    expect(infoLink('https://runbooks.example.test/a?b=1')).toBe('https://runbooks.example.test/a?b=1');
    expect(infoLink('http://example.test')).toBe('http://example.test/');
  });

  it('keeps every other value as text', () => {
    for (const value of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'java\tscript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'vbscript:msgbox',
      '//example.test/path',
      '/relative',
      'payments team',
      '',
    ])
      expect(infoLink(value), value).toBeNull();
  });
});
