// `plumbline render --app` on an application that cannot be rendered says why, with the same
// conditions `plumbline app` shows: an invalid definition, a chart from an OCI registry written
// without `oci://` (read as Argo CD's enableOCI spelling, so the error names the oci:// address it
// tried) and a repoURL that is neither a URL nor an absolute local path (a relative folder).
// Each CLI run starts an engine of its own, hence the long limits.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.ts';
import { tempDir } from '../../support/tempDir.ts';
import { applicationYaml, cliWorkspaceEnv } from '../../support/workspaceFixtures.ts';

const dir = tempDir();
const { workspace, env } = cliWorkspaceEnv(dir);
const destination = { name: 'dev', namespace: 'shop' };

beforeAll(async () => {
  await mkdir(workspace, { recursive: true });
  const apps: Record<string, Record<string, unknown>> = {
    'no-destination': { source: { repoURL: 'https://git.example.test/shop.git', path: 'app' } },
    'oci-without-scheme': {
      source: { repoURL: 'ghcr.io/example/charts', chart: 'web', targetRevision: '1.0.0' },
      destination,
    },
    'relative-folder': { source: { repoURL: 'repos/shop', path: 'app' }, destination },
  };
  for (const [name, spec] of Object.entries(apps))
    await writeFile(join(workspace, `${name}.yaml`), applicationYaml(name, spec));
});

describe('plumbline render --app', () => {
  it(
    'says why an invalid application cannot be rendered, as plumbline app does',
    { timeout: 180_000 },
    async () => {
      const shown = await runCli(['app', 'no-destination'], env);
      const condition = /InvalidSpecError: (.*destination.*)/.exec(shown.stdout)?.[1];
      expect(condition).toBeTruthy();
      const result = await runCli(['render', '--app', 'no-destination'], env);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(condition);
      expect(result.stderr).not.toContain('could not be rendered');
    },
  );

  it(
    'names the OCI address a schemeless chart repoURL is read as, and refuses a relative folder',
    { timeout: 180_000 },
    async () => {
      const oci = await runCli(['render', '--app', 'oci-without-scheme'], env);
      expect(oci.code).toBe(1);
      expect(oci.stderr).toMatch(/oci:\/\/ghcr\.io\/example\/charts\/web: /);
      const relative = await runCli(['render', '--app', 'relative-folder'], env);
      expect(relative.code).toBe(1);
      expect(relative.stderr).toMatch(/repos\/shop.*absolute path/);
    },
  );
});
