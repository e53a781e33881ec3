// revisionHistoryLimit bounds an application's history: the oldest entries go first, ids keep
// increasing, and a limit of 0 still keeps the entry just made (the last deployment stays visible).
import { describe, expect, it } from 'vitest';
import { appendHistory } from '../../../engine/controller/appOperations.ts';
import type { HistoryRecord } from '../../../engine/store/appStateStore.ts';

function entry(id: number): HistoryRecord {
  return {
    id,
    revisions: [String(id).padStart(40, '0')],
    source: { repoURL: 'file:///r.git', path: 'app', targetRevision: 'HEAD' },
    startedAt: 's',
    deployedAt: 'd',
    initiatedBy: { username: 'dev', automated: false },
    result: 'Succeeded',
    message: '',
  };
}

describe('history limit', () => {
  it('keeps the newest entries up to the limit', () => {
    const history: HistoryRecord[] = [];
    for (let id = 1; id <= 14; id++) appendHistory(history, 10, entry(id));
    expect(history.map((h) => h.id)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  });

  it('keeps the last entry with a limit of 0', () => {
    const history = [entry(1)];
    appendHistory(history, 0, entry(2));
    expect(history.map((h) => h.id)).toEqual([2]);
  });
});
