// `plumbline gpg add FILE|-`, `gpg list`, `gpg remove KEYID`: the public keys whose signatures
// an AppProject's `signatureKeys` may require, in Plumbline's own GnuPG keyring (never the
// user's ~/.gnupg). A key file is read to a limit; the keyring refuses secret keys and non-keys.
import { open } from 'node:fs/promises';
import { Command } from 'commander';
import { withEngine } from '../engineSession.ts';
import { outputOption, printJson, printTable } from '../output.ts';

// The keyring's limit is 256 KiB; a little more is read so that it can say the file is too big.
const MAX_READ_BYTES = 256 * 1024 + 1;
const ARMOR = '-----BEGIN PGP PUBLIC KEY BLOCK-----';

async function readLimited(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const kept: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    kept.push(chunk);
    size += chunk.length;
    if (size >= MAX_READ_BYTES) break;
  }
  return Buffer.concat(kept).subarray(0, MAX_READ_BYTES);
}

async function keyFile(path: string): Promise<Buffer> {
  if (path === '-') {
    if (process.stdin.isTTY)
      throw new Error('pipe the key on stdin: gpg --export --armor KEYID | plumbline gpg add -');
    return readLimited(process.stdin as AsyncIterable<Buffer>);
  }
  const handle = await open(path, 'r');
  try {
    return await readLimited(handle.createReadStream({ autoClose: false }) as AsyncIterable<Buffer>);
  } finally {
    await handle.close();
  }
}

function addCommand(): Command {
  return new Command('add')
    .description('import the public keys of a key file (armored or binary; - for stdin)')
    .argument('<file>', 'the key file, or - for stdin')
    .action(async (file: string) => {
      const bytes = await keyFile(file);
      const armored = bytes.toString('utf8').includes(ARMOR);
      const { keys } = await withEngine((client) =>
        client.call('gpg.add', {
          keyData: armored ? bytes.toString('utf8') : bytes.toString('base64'),
          encoding: armored ? 'armored' : 'base64',
        }),
      );
      for (const key of keys) process.stdout.write(`imported ${key.keyId} ${key.owner}\n`);
    });
}

function listCommand(): Command {
  return new Command('list')
    .description("list the keys of Plumbline's keyring")
    .addOption(outputOption())
    .action(async (options: { output: string }) => {
      const { keys } = await withEngine((client) => client.call('gpg.list', {}));
      if (options.output === 'json') return printJson({ keys });
      if (keys.length === 0) return void process.stdout.write('No keys\n');
      printTable(
        ['KEY ID', 'OWNER', 'ALGORITHM', 'STATE', 'EXPIRES', 'SUBKEYS'],
        keys.map((key) => [
          key.keyId,
          key.owner,
          key.algorithm,
          key.state,
          key.expires ?? 'never',
          key.subkeys.map((subkey) => subkey.keyId).join(' '),
        ]),
      );
    });
}

function removeCommand(): Command {
  return new Command('remove')
    .description('remove a key by its ID or fingerprint')
    .argument('<keyId>', 'the key ID (16 hex digits) or fingerprint (40)')
    .action(async (keyId: string) => {
      const { removed } = await withEngine((client) => client.call('gpg.remove', { keyId }));
      if (!removed) throw new Error(`no key ${keyId} in the keyring`);
      process.stdout.write(`removed ${keyId}\n`);
    });
}

export function gpgCommand(): Command {
  return new Command('gpg')
    .description('GnuPG public keys that may sign revisions (AppProject signatureKeys): add, list, remove')
    .addCommand(addCommand())
    .addCommand(listCommand())
    .addCommand(removeCommand());
}
