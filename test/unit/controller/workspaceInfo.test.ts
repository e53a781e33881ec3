// What workspace.get says of a workspace: its problems, and an ApplicationSet (read, but whose
// generators do not run yet) as a clear "not generated yet" line naming its file and line.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspaceInfo } from '../../../engine/controller/workspaceSummary.ts';
import { loadWorkspace } from '../../../engine/workspace/index.ts';
import { tempDir } from '../../support/tempDir.ts';

const where = { isGitRepository: false, isDemo: false };

const guestbookSet = `# generated per cluster
apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: guestbook
spec:
  generators:
    - list:
        elements: [{ cluster: a }]
  template:
    metadata:
      name: '{{cluster}}-guestbook'
    spec:
      project: default
      source: { repoURL: 'https://git.example.test/apps.git', path: guestbook }
      destination: { name: '{{cluster}}', namespace: guestbook }
`;

describe('workspaceInfo', () => {
  it('says that an ApplicationSet is not generated yet, with its file and line', async () => {
    const dir = tempDir();
    await writeFile(join(dir, 'sets.yaml'), guestbookSet);
    const info = workspaceInfo(await loadWorkspace(dir), { dir, ...where });
    expect(info.problems).toEqual([
      {
        type: 'ApplicationSetNotGenerated',
        message: expect.stringMatching(/^ApplicationSet guestbook is read but not generated yet/),
        file: 'sets.yaml',
        line: 2,
      },
    ]);
  });

  it('has no problems for a workspace without ApplicationSets or errors', async () => {
    const dir = tempDir();
    expect(workspaceInfo(await loadWorkspace(dir), { dir, ...where }).problems).toEqual([]);
    expect(workspaceInfo(null, { dir, ...where }).problems).toEqual([]);
  });
});
