// `plumbline appset secret SECRET KEY`: stores in the OS keychain the secret an ApplicationSet
// names as a Secret and a key (a plugin ConfigMap's `$SECRET:KEY` token, an SCM provider's or
// pull-request service's `tokenRef`), read from stdin (never from the command line, which other
// processes can see); `--remove` takes it away.
import { Command } from 'commander';
import { withEngine } from '../engineSession.ts';

const MAX_TOKEN_BYTES = 16 * 1024;

/** stdin to its end, without its final line break; refused past the limit. */
async function tokenFromStdin(): Promise<string> {
  if (process.stdin.isTTY)
    throw new Error('pipe the token on stdin: plumbline appset secret SECRET KEY < token-file');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_TOKEN_BYTES) throw new Error(`the token is longer than ${MAX_TOKEN_BYTES} bytes`);
    chunks.push(chunk);
  }
  const token = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (token === '') throw new Error('stdin held no token');
  return token;
}

export function generatorSecretCommand(): Command {
  return new Command('secret')
    .description(
      "store in the keychain, from stdin, a token an ApplicationSet names: a plugin's $SECRET:KEY, a tokenRef's secretName and key",
    )
    .argument('<secret>', 'the Secret name (argocd-secret for a plugin token written $KEY)')
    .argument('<key>', 'the key within it')
    .option('--remove', 'remove the stored token')
    .action(async (secret: string, key: string, options: { remove?: boolean }) => {
      const token = options.remove ? null : await tokenFromStdin();
      const { account, stored } = await withEngine((client) =>
        client.call('appsets.secret', { secret, key, token }),
      );
      process.stdout.write(`${stored ? 'stored' : 'removed'} ${account}\n`);
    });
}
