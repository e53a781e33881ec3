// Opens the user's editor on a text, as git and kubectl do: $VISUAL, else $EDITOR, else vi, run
// through the shell (an editor may be `code --wait`) with the file as its one argument, on a
// private temporary file that is removed afterwards. Resolves with the text as saved.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function editorCommand(): string {
  return process.env.VISUAL?.trim() || process.env.EDITOR?.trim() || 'vi';
}

function runEditor(editor: string, file: string): Promise<void> {
  // "$1" keeps the path one argument whatever it holds; the editor's own words stay shell words
  const child =
    process.platform === 'win32'
      ? spawn(`${editor} "${file}"`, { stdio: 'inherit', shell: true })
      : spawn('/bin/sh', ['-c', `${editor} "$1"`, 'editor', file], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.on('error', (error) => reject(new Error(`cannot start the editor ${editor}: ${error.message}`)));
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(
            new Error(
              `the editor ${editor} ended with ${signal ?? `exit code ${code}`}; nothing was changed`,
            ),
          ),
    );
  });
}

export async function editText(text: string, fileName: string, maxBytes: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'plumbline-edit-'));
  const file = join(dir, fileName);
  try {
    await writeFile(file, text, { mode: 0o600 });
    const editor = editorCommand();
    await runEditor(editor, file);
    await readableSize(file, maxBytes);
    return await readFile(file, 'utf8');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Refuses a file over `maxBytes` (or not a regular file) before reading it. */
export async function readableSize(file: string, maxBytes: number): Promise<void> {
  const info = await stat(file);
  if (!info.isFile()) throw new Error(`${file} is not a file`);
  if (info.size > maxBytes) throw new Error(`${file} is larger than ${maxBytes / 2 ** 20} MiB`);
}
