// Reads a kubeconfig file or text through the safe YAML loader: a regular file only (a FIFO, a
// device or a /proc path named in KUBECONFIG is refused, never waited on), held to the YAML
// limits, and a `token-file` read the same way. client-node then gets plain JSON, so its own
// YAML parser never sees the original text and never opens a file itself.
import { dirname, isAbsolute, join } from 'node:path';
import { readRegularFileSync } from '../files/regularFile.ts';
import { parseYamlValue, readYamlFileSync } from '../yaml/index.ts';

/** Token files are a line of text; anything larger is not one. */
const MAX_TOKEN_FILE_BYTES = 1024 * 1024;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A kubeconfig file's content as a plain value, checked by the safe loader (YamlError). */
export function readKubeconfigFile(file: string): unknown {
  const text = readYamlFileSync(file, { what: 'kubeconfig' });
  return parseYamlValue(text, { source: file }) ?? {};
}

/** A kubeconfig given as text (a file dropped on the wizard). */
export function parseKubeconfigText(text: string, source = 'the kubeconfig given'): unknown {
  return parseYamlValue(text, { source }) ?? {};
}

/**
 * The value as client-node's loadFromString takes it, with every user's `token-file` read now,
 * relative to the kubeconfig's folder as kubectl reads it (client-node would read it itself,
 * blocking, relative to the current folder).
 */
export function kubeconfigJson(config: unknown, file?: string): string {
  if (!isRecord(config)) return '{}';
  const users = Array.isArray(config.users) ? config.users : [];
  const withTokens = users.map((entry: unknown) => {
    if (!isRecord(entry) || !isRecord(entry.user)) return entry;
    const tokenFile = entry.user['token-file'];
    if (typeof tokenFile !== 'string' || tokenFile === '' || entry.user.token) return entry;
    const path = isAbsolute(tokenFile) || !file ? tokenFile : join(dirname(file), tokenFile);
    const token = readRegularFileSync(path, { maxBytes: MAX_TOKEN_FILE_BYTES, what: 'token file' }).toString(
      'utf8',
    );
    const { 'token-file': _read, ...user } = entry.user;
    return { ...entry, user: { ...user, token } };
  });
  return JSON.stringify({ ...config, users: withTokens });
}
