// The activity of an application (actions, deletes, edits done in Plumbline): newest first,
// the last 200 kept, concurrent records all kept, an unreadable file read as none.
import { writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppActivity, MAX_ACTIVITY, type Activity } from '../../../engine/store/appActivity.ts';
import { tempDir } from '../../support/tempDir.ts';

const entry = (message: string): Activity => ({
  at: new Date().toISOString(),
  reason: 'ResourceActionRan',
  type: 'Normal',
  message,
  username: 'me',
  resource: 'apps/Deployment/shop/web',
});

describe('AppActivity', () => {
  const dataDir = tempDir();

  it('keeps concurrent records, newest first, and the last 200 only', { timeout: 60_000 }, async () => {
    const activity = new AppActivity(dataDir, '/workspace/a');
    await Promise.all(
      Array.from({ length: MAX_ACTIVITY + 5 }, (_, i) => activity.record('shop', entry(`run ${i}`))),
    );
    const list = await activity.list('shop');
    expect(list).toHaveLength(MAX_ACTIVITY);
    expect(list[0]!.message).toBe(`run ${MAX_ACTIVITY + 4}`);
    expect(await new AppActivity(dataDir, '/workspace/b').list('shop')).toEqual([]);
  });

  it('reads an unreadable file as none and refuses names that are not application names', async () => {
    const activity = new AppActivity(dataDir, '/workspace/c');
    await activity.record('web', entry('first'));
    const folder = join(dataDir, 'activity');
    const [workspaceKey] = readdirSync(folder).filter((name) =>
      readdirSync(join(folder, name)).includes('web.json'),
    );
    mkdirSync(join(folder, workspaceKey!), { recursive: true });
    writeFileSync(join(folder, workspaceKey!, 'web.json'), '{not json');
    expect(await activity.list('web')).toEqual([]);
    await expect(activity.record('../escape', entry('x'))).rejects.toThrow(/not an application name/);
  });
});
