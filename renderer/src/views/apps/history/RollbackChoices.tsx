// The two ways to roll back, each explained in one sentence, offered under the preview: nothing
// is applied until the reader picks one.
export type RollbackMode = 'pin' | 'revert';

export function RollbackChoices({
  branch,
  ready,
  onChoose,
  onCancel,
}: {
  branch: string;
  /** False until the preview is on screen. */
  ready: boolean;
  onChoose(mode: RollbackMode): void;
  onCancel(): void;
}) {
  return (
    <div className="rollback-choices">
      <div className="rollback-choice">
        <button className="primary" onClick={() => onChoose('pin')} disabled={!ready}>
          Sync to this commit
        </button>
        <p className="subtle">
          Applies this commit now and pins the application to it, with auto-sync suspended until you resume
          it; git is left as it is.
        </p>
      </div>
      <div className="rollback-choice">
        <button onClick={() => onChoose('revert')} disabled={!ready}>
          Revert in git
        </button>
        <p className="subtle">
          Commits a revert of every later change to <span className="mono">{branch}</span>, pushes it, then
          syncs, so git stays the single source of truth.
        </p>
      </div>
      <button className="rollback-cancel" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
