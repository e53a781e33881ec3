// The headless host keeps a registered cluster's token in the OS keychain: with a real
// gnome-keyring in a D-Bus session the token is stored there and read back to connect, and no
// file of the data folder, no line of the host's output and no contract answer contains it.
// Without a keychain, registering is refused in plain words and the rest keeps working.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../support/tempDir.ts';
import { keyringUnavailableReason, nodeWithTsx, runInKeyring } from './keyringSession.ts';

const probe = fileURLToPath(new URL('./hostKeychainProbe.ts', import.meta.url));
const unavailable = keyringUnavailableReason();
const token = 'plumbline-keychain-canary-3f9d2c';

interface ProbeResult {
  answers: unknown[];
  errors: string[];
  hostOutput: string;
  authorizations: string[];
  stored: string | null;
  removed: string | null;
}

/** Every file under `dir`, as text. */
function filesUnder(dir: string): Array<[string, string]> {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => [path, readFileSync(path, 'latin1')]);
}

function environment(home: string) {
  const dataDir = join(home, 'data');
  return { dataDir, env: { PLUMBLINE_DATA_DIR: dataDir, KUBECONFIG: join(home, 'no-kubeconfig') } };
}

describe.skipIf(unavailable !== null)(`the headless host with gnome-keyring ${unavailable ?? ''}`, () => {
  it('stores the token in the keychain, connects with it, and shows it nowhere', async () => {
    const home = tempDir();
    const { dataDir, env } = environment(home);
    const [node, args] = nodeWithTsx(probe);
    const run = await runInKeyring(home, node, [...args, token], env);
    const result = JSON.parse(run.stdout) as ProbeResult;
    expect(result.errors).toEqual([]);
    expect(JSON.parse(result.stored!)).toEqual({ token });
    expect(result.removed).toBeNull();
    // Read back from the keychain by the host: the registered cluster's test sent it.
    expect(result.authorizations.at(-1)).toBe(`Bearer ${token}`);
    expect(result.answers.at(-2)).toMatchObject({ authenticated: true, serverVersion: 'v1.34.4-stand-in' });
    const registry = JSON.parse(readFileSync(join(dataDir, 'clusters.json'), 'utf8'));
    expect(registry.clusters.map((c: { name: string }) => c.name)).toEqual(['kept']);

    for (const [path, text] of filesUnder(dataDir)) expect(text, path).not.toContain(token);
    expect(result.hostOutput).not.toContain(token);
    expect(run.stderr).not.toContain(token);
    for (const answer of result.answers) expect(JSON.stringify(answer)).not.toContain(token);
  });
});

describe('the headless host without a keychain', () => {
  it('refuses to register in plain words, and everything else keeps working', async () => {
    const home = tempDir();
    const { dataDir, env } = environment(home);
    const [node, args] = nodeWithTsx(probe);
    const session: NodeJS.ProcessEnv = { ...process.env, ...env, HOME: home, DISPLAY: '' };
    delete session.DBUS_SESSION_BUS_ADDRESS;
    const stdout = await new Promise<string>((resolve) =>
      execFile(node, [...args, token], { env: session, timeout: 60_000 }, (_error, out) => resolve(out)),
    );
    const result = JSON.parse(stdout) as ProbeResult;
    expect(result.errors[0]).toMatch(/OS keychain is not available to store cluster:kept/);
    expect(result.errors[0]).toMatch(/refuses plain-text storage/);
    // The candidate's test and the kubeconfig contexts need no keychain.
    expect(result.answers[0]).toMatchObject({ authenticated: true });
    expect(result.answers.at(-1)).toMatchObject({ contexts: [] });
    for (const [path, text] of filesUnder(dataDir)) expect(text, path).not.toContain(token);
    for (const message of result.errors) expect(message).not.toContain(token);
  });
});
