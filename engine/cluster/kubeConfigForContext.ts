// A client-node KubeConfig for one context of the user's kubeconfig files, merged as kubectl
// merges them: the first file that defines a context, cluster or user name wins, and a listed
// file that does not exist is skipped. (KubeConfig.mergeConfig throws on duplicates instead.)
// A kubeconfig's text (a file dropped on the registration wizard) is read the same way.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { KubeConfig, type User } from '@kubernetes/client-node';
import { kubeconfigJson, parseKubeconfigText, readKubeconfigFile } from './kubeconfigText.ts';
import { rememberSecret } from '../git/scrub.ts';

function load(what: string, read: (kc: KubeConfig) => void): KubeConfig {
  const kc = new KubeConfig();
  try {
    read(kc);
  } catch (error) {
    // Only the first line: YAML errors go on to quote the file, which may hold a token.
    const firstLine = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new Error(`read kubeconfig ${what}: ${firstLine}`, { cause: error });
  }
  return kc;
}

function firstNamed<T extends { name: string }>(lists: T[][], name: string): T | undefined {
  for (const list of lists) {
    const found = list.find((item) => item.name === name);
    if (found) return found;
  }
  return undefined;
}

export function kubeConfigForContext(files: readonly string[], contextName: string): KubeConfig {
  const configs = files
    .filter((file) => existsSync(file))
    .map((file) =>
      load(file, (kc) => {
        kc.loadFromString(kubeconfigJson(readKubeconfigFile(file), file));
        kc.makePathsAbsolute(dirname(file));
      }),
    );
  return contextOf(configs, contextName, files.join(', '));
}

/** The context of a kubeconfig given as text. */
export function kubeConfigForText(text: string, contextName: string): KubeConfig {
  return contextOf(
    [load('text', (kc) => kc.loadFromString(kubeconfigJson(parseKubeconfigText(text))))],
    contextName,
    'the kubeconfig given',
  );
}

/** The contexts of a kubeconfig given as text, with their servers. */
export function contextsOfText(text: string): Array<{ name: string; server: string | null; user: string }> {
  const kc = load('text', (config) => config.loadFromString(kubeconfigJson(parseKubeconfigText(text))));
  return kc.getContexts().map((context) => ({
    name: context.name,
    server: kc.getCluster(context.cluster)?.server ?? null,
    user: context.user,
  }));
}

function contextOf(configs: KubeConfig[], contextName: string, where: string): KubeConfig {
  const context = firstNamed(
    configs.map((kc) => kc.getContexts()),
    contextName,
  );
  if (!context) throw new Error(`kubeconfig context ${contextName} is not defined in ${where}`);
  const cluster = firstNamed(
    configs.map((kc) => kc.getClusters()),
    context.cluster,
  );
  if (!cluster)
    throw new Error(
      `kubeconfig context ${contextName} names cluster ${context.cluster}, which no file defines`,
    );
  const user = context.user
    ? firstNamed(
        configs.map((kc) => kc.getUsers()),
        context.user,
      )
    : undefined;
  if (context.user && !user)
    throw new Error(`kubeconfig context ${contextName} names user ${context.user}, which no file defines`);

  if (user) rememberUserCredentials(user);
  const merged = new KubeConfig();
  merged.loadFromOptions({
    clusters: [cluster],
    users: user ? [user] : [],
    contexts: [context],
    currentContext: context.name,
  });
  return merged;
}

// A context's token, password or key is scrubbed from every output from now on (a tool or a
// library may quote it in an error).
function rememberUserCredentials(user: User): void {
  rememberSecret(user.token);
  rememberSecret(user.password);
  if (user.keyData) {
    rememberSecret(user.keyData);
    rememberSecret(Buffer.from(user.keyData, 'base64').toString('utf8'));
  }
}
