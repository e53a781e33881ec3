import { describe, expect, it } from 'vitest';
import { COMMIT_FORMAT, parseCommits } from '../../../engine/git/commitLog.ts';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe('parseCommits', () => {
  it('reads `git log -z` output, messages with any character but NUL', () => {
    const output =
      [
        A,
        'Ann Author',
        'ann@example.test',
        '2026-01-31T10:00:00+01:00',
        'subject\n\nbody: with\ttabs\n',
      ].join('\0') +
      '\0' +
      [B, 'Bo', 'bo@example.test', '2026-01-30T09:00:00Z', 'only a subject\n'].join('\0') +
      '\0';
    expect(parseCommits(output)).toEqual([
      {
        sha: A,
        author: 'Ann Author',
        email: 'ann@example.test',
        date: '2026-01-31T10:00:00+01:00',
        message: 'subject\n\nbody: with\ttabs',
      },
      {
        sha: B,
        author: 'Bo',
        email: 'bo@example.test',
        date: '2026-01-30T09:00:00Z',
        message: 'only a subject',
      },
    ]);
  });

  it('reads nothing from empty output', () => {
    expect(parseCommits('')).toEqual([]);
  });

  it('asks git for the fields in the order it parses them', () => {
    expect(COMMIT_FORMAT).toBe('--format=%H%x00%an%x00%ae%x00%aI%x00%B');
  });
});
