// A sync status is shown only for the revision it was compared at: while a new revision waits
// for its comparison the application says "comparing", never Synced at the new revision.
import { describe, expect, it } from 'vitest';
import { idleRuntime, syncAtRevision } from '../../../engine/controller/appSummary.ts';

const OLD = 'a'.repeat(40);
const NEW = 'b'.repeat(40);

describe('sync status at the current revision', () => {
  it('is the compared status when it was compared at the current revision', () => {
    const runtime = {
      ...idleRuntime(),
      revisions: [NEW],
      sync: { status: 'Synced' as const, revision: NEW },
    };
    expect(syncAtRevision(runtime)).toEqual({ status: 'Synced', revision: NEW });
  });

  it('is never Synced at a new revision compared only at the old one', () => {
    const runtime = {
      ...idleRuntime(),
      revisions: [NEW],
      sync: { status: 'Synced' as const, revision: OLD },
    };
    const shown = syncAtRevision(runtime);
    expect(shown.status).toBe('Unknown');
    expect(shown.revision).toBe(OLD);
    expect(shown.message).toBe('comparing bbbbbbb (Synced at aaaaaaa)');
  });

  it('keeps a status without a compared revision (not compared yet) as it is', () => {
    const runtime = { ...idleRuntime(), revisions: [NEW] };
    expect(syncAtRevision(runtime)).toEqual(idleRuntime().sync);
  });

  it('takes the first git source of a multi-source application (a Helm repository chart has none)', () => {
    const runtime = {
      ...idleRuntime(),
      revisions: [null, NEW],
      sync: { status: 'OutOfSync' as const, revision: NEW },
    };
    expect(syncAtRevision(runtime).status).toBe('OutOfSync');
  });
});
