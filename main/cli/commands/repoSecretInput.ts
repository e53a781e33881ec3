// A secret for `plumbline repo`: from stdin when it is piped, else typed at the terminal with
// no echo. Never from an argument: those land in shell history and in `ps`.
const MAX_SECRET_BYTES = 64 * 1024;

/** stdin to its end (without its final line break), or a no-echo prompt when stdin is a terminal and `prompt` is given. */
export async function readSecretInput(prompt: string | null, maxBytes = MAX_SECRET_BYTES): Promise<string> {
  if (process.stdin.isTTY) {
    if (prompt === null) throw new Error('pipe the input on stdin');
    return promptWithoutEcho(prompt);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new Error(`stdin holds more than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (text === '') throw new Error('stdin held nothing');
  return text;
}

function promptWithoutEcho(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    let typed = '';
    const finish = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003') return finish(new Error('interrupted'));
        if (char === '\u007f') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    stdin.on('data', onData);
  });
}
