// Writes a file so that a reader (or a crash) sees the old content or the new, never half:
// the content goes to a temp file in the same folder, is flushed, then renamed over the target.
import { randomUUID } from 'node:crypto';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  // Hidden and not *.yaml, so workspace scans and watchers pass over it.
  const temp = join(dirname(path), `.${basename(path)}.${randomUUID().slice(0, 8)}.tmp`);
  const mode = await stat(path).then(
    (existing) => existing.mode & 0o777,
    () => 0o644,
  );
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(content, typeof content === 'string' ? 'utf8' : undefined);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw new Error(`write ${path}: ${(error as Error).message}`, { cause: error });
  }
}
