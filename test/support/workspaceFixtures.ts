// Workspaces for tests that run applications: an Argo CD Application or AppProject written into a
// workspace folder, and a remote holding the first commit of an application's files.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { makeRemote, type Remote } from './gitFixtures.ts';
import { writeKubeconfig } from './kubeconfigFixture.ts';

/** An Application manifest as YAML; the project is `default` unless the spec names one. */
export function applicationYaml(name: string, spec: Record<string, unknown>): string {
  return stringify({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name },
    spec: { project: 'default', ...spec },
  });
}

/** An AppProject manifest as YAML. */
export function projectYaml(name: string, spec: Record<string, unknown>): string {
  return stringify({ apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: { name }, spec });
}

/** Writes `<name>.yaml` with the Application into the workspace folder, made when missing. */
export async function writeApplication(
  workspace: string,
  name: string,
  spec: Record<string, unknown>,
): Promise<void> {
  await mkdir(workspace, { recursive: true });
  await writeFile(join(workspace, `${name}.yaml`), applicationYaml(name, spec));
}

/** A bare remote whose `main` holds one commit of these files; returns it and the commit. */
export async function remoteWith(
  parent: string,
  name: string,
  files: Record<string, string>,
  message = 'first',
): Promise<{ remote: Remote; commit: string }> {
  const remote = await makeRemote(parent, name);
  const commit = await remote.commit(files, message);
  await remote.push('main');
  return { remote, commit };
}

/** `<dir>/workspace` with one application of one ConfigMap (named after it) from a new remote. */
export async function oneConfigMapWorkspace(
  dir: string,
  appName: string,
  destination: Record<string, string>,
): Promise<string> {
  const { remote } = await remoteWith(
    dir,
    'app.git',
    { 'app/cm.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${appName}}\n` },
    'one',
  );
  const workspace = join(dir, 'workspace');
  await writeApplication(workspace, appName, { source: { repoURL: remote.bare, path: 'app' }, destination });
  return workspace;
}

/**
 * The environment of a CLI run on its own engine: a data folder and a workspace under `dir`,
 * and a kubeconfig whose one context `dev` points at a closed port (nothing is deployed).
 */
export function cliWorkspaceEnv(dir: string): { workspace: string; env: Record<string, string> } {
  const workspace = join(dir, 'workspace');
  const kubeconfig = writeKubeconfig(
    dir,
    'kubeconfig.yaml',
    [{ name: 'dev', server: 'https://127.0.0.1:9', user: 'u' }],
    'dev',
  );
  return {
    workspace,
    env: { PLUMBLINE_DATA_DIR: join(dir, 'data'), PLUMBLINE_WORKSPACE: workspace, KUBECONFIG: kubeconfig },
  };
}
