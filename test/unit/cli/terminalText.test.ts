import { describe, expect, it } from 'vitest';
import { printable } from '../../../main/cli/terminalText.ts';

describe('printable', () => {
  it('shows control characters as escapes instead of sending them to the terminal', () => {
    expect(printable('red \u001b[31mtext\u001b[0m')).toBe('red \\u001b[31mtext\\u001b[0m');
    expect(printable('a\rb\nc\u0007\u009b')).toBe('a\\u000db\\u000ac\\u0007\\u009b');
    expect(printable('plain text, ünïcode ✓')).toBe('plain text, ünïcode ✓');
  });
});
