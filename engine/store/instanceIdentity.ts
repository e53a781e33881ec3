// Who this Plumbline is, as other instances see it on a cluster lease: the desktop user, the
// machine and an id kept in the data folder. The id survives a restart, so an engine that was
// killed mid-operation takes its own lease back at once instead of waiting for it to expire.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';

export function desktopUser(): string | null {
  try {
    return userInfo().username;
  } catch {
    return null;
  }
}

export async function instanceIdentity(dataDir: string): Promise<string> {
  const file = join(dataDir, 'state', 'instance-id');
  let id = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (!/^[0-9a-f]{8,}$/.test(id)) {
    id = randomBytes(6).toString('hex');
    await mkdir(join(dataDir, 'state'), { recursive: true, mode: 0o700 });
    await writeFile(file, `${id}\n`, { mode: 0o600 });
  }
  return `${desktopUser() ?? 'unknown'}@${hostname()}/${id}`;
}
