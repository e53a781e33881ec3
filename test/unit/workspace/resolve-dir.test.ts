import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveWorkspaceDir } from '../../../engine/workspace/resolve-dir.ts';

const dataDir = resolve('/data/plumbline');

describe('resolveWorkspaceDir', () => {
  it('prefers PLUMBLINE_WORKSPACE, then the setting, then the data folder', () => {
    const env = { PLUMBLINE_WORKSPACE: resolve('/srv/gitops') };
    expect(resolveWorkspaceDir({ env, settingsWorkspace: resolve('/home/me/ws'), dataDir })).toBe(
      resolve('/srv/gitops'),
    );
    expect(resolveWorkspaceDir({ env: {}, settingsWorkspace: resolve('/home/me/ws'), dataDir })).toBe(
      resolve('/home/me/ws'),
    );
    expect(resolveWorkspaceDir({ dataDir })).toBe(join(dataDir, 'workspace'));
  });

  it('treats empty values as unset and makes relative paths absolute', () => {
    expect(resolveWorkspaceDir({ env: { PLUMBLINE_WORKSPACE: ' ' }, settingsWorkspace: '', dataDir })).toBe(
      join(dataDir, 'workspace'),
    );
    expect(resolveWorkspaceDir({ env: { PLUMBLINE_WORKSPACE: 'ws' }, dataDir })).toBe(resolve('ws'));
  });
});
