// What workspace.get says of a workspace: its problems. An ApplicationSet is no problem of the
// workspace: it is generated, and what goes wrong with it is a condition on the set (appsets.get).
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
  it('lists no problem for a valid ApplicationSet: it is generated, no longer "not generated yet"', async () => {
    const dir = tempDir();
    await writeFile(join(dir, 'sets.yaml'), guestbookSet);
    const workspace = await loadWorkspace(dir);
    expect(workspace.applicationSets.map((set) => set.name)).toEqual(['guestbook']);
    expect(workspaceInfo(workspace, { dir, ...where }).problems).toEqual([]);
  });

  it('has no problems for a workspace without ApplicationSets or errors', async () => {
    const dir = tempDir();
    expect(workspaceInfo(await loadWorkspace(dir), { dir, ...where }).problems).toEqual([]);
    expect(workspaceInfo(null, { dir, ...where }).problems).toEqual([]);
  });
});
