import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../engine/api/contract.ts';
import {
  commitSubject,
  currentEntryId,
  entryTarget,
  initiatedBy,
  newestFirst,
  targetInput,
} from '../../../renderer/src/views/apps/history/historyFormat.ts';

function entry(id: number, result: HistoryEntry['result'], more: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id,
    revisions: [`${id}`.repeat(40).slice(0, 40)],
    source: { repoURL: 'repo.git', path: 'shop', targetRevision: 'main' },
    startedAt: '2025-01-01T00:00:00Z',
    deployedAt: '2025-01-01T00:00:05Z',
    initiatedBy: { username: 'ada', automated: false },
    result,
    message: '',
    commit: null,
    ...more,
  };
}

describe('history wording', () => {
  it('takes a commit’s subject from the first line', () => {
    expect(commitSubject('Scale shop to 3\n\nBecause of the sale.')).toBe('Scale shop to 3');
  });

  it('says who started a sync: auto-sync or the user', () => {
    expect(initiatedBy(entry(1, 'Succeeded'))).toBe('ada');
    expect(initiatedBy(entry(1, 'Succeeded', { initiatedBy: { username: null, automated: true } }))).toBe(
      'auto-sync',
    );
  });

  it('lists newest first and marks the newest success as current', () => {
    const entries = [entry(1, 'Succeeded'), entry(2, 'Succeeded'), entry(3, 'Failed')];
    expect(newestFirst(entries).map((e) => e.id)).toEqual([3, 2, 1]);
    expect(currentEntryId(entries)).toBe(2);
    expect(currentEntryId([entry(1, 'Error')])).toBeNull();
  });

  it('aims a rollback at a history entry by id, showing its commit', () => {
    const target = entryTarget(
      entry(4, 'Succeeded', {
        commit: { sha: 'abcdef1234', author: 'Ada', email: 'a@x', date: '2025-01-01', message: 'v1\nbody' },
      }),
    );
    expect(target).toEqual({ kind: 'entry', id: 4, revision: 'abcdef1234', subject: 'v1' });
    expect(targetInput(target)).toEqual({ id: 4 });
    expect(targetInput({ kind: 'commit', revision: 'abc', subject: '' })).toEqual({ revision: 'abc' });
  });
});
