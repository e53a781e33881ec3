// The demo's project file once the user has it: materializeDemo reads its destination back to
// know whether the demo deploys to the offline demo cluster. Whatever the file has become, the
// demo opens at once with the offline cluster assumed, and nothing outside the workspace is
// read into what it returns.
import { execFileSync } from 'node:child_process';
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { DEMO_OFFLINE_CLUSTER, materializeDemo } from '../../engine/workspace/demo.ts';
import { makeWorkspace } from '../integration/workspace/fixtures.ts';
import { badInputCases } from './corpus.ts';
import { billionLaughs, nestedBlockMappings } from './yamlInputs.ts';

/** The demo materialised, its project file replaced by `replace`, then opened again. */
async function demoWithProject(replace: (projectFile: string) => void) {
  const dataDir = await makeWorkspace();
  const first = await materializeDemo(dataDir);
  const projectFile = join(first.workspaceDir, 'projects', 'demo.yaml');
  rmSync(projectFile);
  replace(projectFile);
  const again = await materializeDemo(dataDir);
  expect(again.clusterName).toBe(DEMO_OFFLINE_CLUSTER);
  return again;
}

badInputCases('demo workspace', [
  {
    name: 'the demo project file is a billion-laughs alias bomb',
    outcome: 'the offline demo cluster is assumed',
    run: () => demoWithProject((file) => writeFileSync(file, billionLaughs())),
  },
  {
    name: 'the demo project file nests 10,000 mappings deep',
    outcome: 'the offline demo cluster is assumed',
    run: () => demoWithProject((file) => writeFileSync(file, nestedBlockMappings(10_000))),
  },
  {
    name: 'the demo project file is a FIFO with no writer',
    outcome: 'refused without waiting; the offline demo cluster is assumed',
    run: () => demoWithProject((file) => execFileSync('mkfifo', [file])),
  },
  {
    name: 'the demo project file is 200 MB',
    outcome: 'refused by size; the offline demo cluster is assumed',
    run: () =>
      demoWithProject((file) =>
        writeFileSync(file, `spec:\n  description: "${'x'.repeat(200 * 1024 * 1024)}"\n`),
      ),
    timeoutMs: 60_000,
  },
  {
    name: 'the demo project file names a cluster that is a list, a number or nothing',
    outcome: 'the offline demo cluster is assumed',
    run: () =>
      demoWithProject((file) =>
        writeFileSync(file, 'spec:\n  destinations:\n    - name: [a, b]\n    - name: 42\n'),
      ),
  },
  {
    name: 'the demo project file is a symlink to a file outside the workspace',
    outcome: 'its content never reaches what the demo returns',
    run: (marker) =>
      demoWithProject((file) => {
        writeFileSync(
          join(marker.dir, 'project.yaml'),
          `spec:\n  destinations:\n    - name: x${marker.secret}\n`,
        );
        symlinkSync(join(marker.dir, 'project.yaml'), file);
      }).catch((error: Error) => ({ refused: error.message })),
  },
]);
