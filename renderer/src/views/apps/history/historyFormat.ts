// How the history tab words and orders what the engine records: short commits, subjects,
// who started a sync, and which entry is what runs now.
import type { HistoryEntry } from '../../../../../engine/api/contract.ts';

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/** The first line of a commit message. */
export function commitSubject(message: string): string {
  return message.split('\n', 1)[0]!.trim();
}

export function initiatedBy(entry: HistoryEntry): string {
  if (entry.initiatedBy.automated) return 'auto-sync';
  return entry.initiatedBy.username ?? 'unknown user';
}

export function newestFirst(entries: readonly HistoryEntry[]): HistoryEntry[] {
  return [...entries].sort((a, b) => b.id - a.id);
}

/** The entry whose revisions run now: the newest that succeeded. */
export function currentEntryId(entries: readonly HistoryEntry[]): number | null {
  return newestFirst(entries).find((entry) => entry.result === 'Succeeded')?.id ?? null;
}

/** What a rollback is aimed at, for the call and for the reader. */
export type RollbackTarget =
  | { kind: 'entry'; id: number; revision: string; subject: string }
  | { kind: 'commit'; revision: string; subject: string };

export function entryTarget(entry: HistoryEntry): RollbackTarget {
  return {
    kind: 'entry',
    id: entry.id,
    revision: entry.commit?.sha ?? entry.revisions[0] ?? '',
    subject: entry.commit ? commitSubject(entry.commit.message) : '',
  };
}

export function targetInput(target: RollbackTarget): { id: number } | { revision: string } {
  return target.kind === 'entry' ? { id: target.id } : { revision: target.revision };
}
