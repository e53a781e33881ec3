// A client-node KubeConfig for one context of the user's kubeconfig files, merged as kubectl
// merges them: the first file that defines a context, cluster or user name wins, and a listed
// file that does not exist is skipped. (KubeConfig.mergeConfig throws on duplicates instead.)
import { existsSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';

function load(file: string): KubeConfig {
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(file);
  } catch (error) {
    // Only the first line: YAML errors go on to quote the file, which may hold a token.
    const firstLine = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new Error(`read kubeconfig ${file}: ${firstLine}`, { cause: error });
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
  const configs = files.filter((file) => existsSync(file)).map(load);
  const context = firstNamed(
    configs.map((kc) => kc.getContexts()),
    contextName,
  );
  if (!context) throw new Error(`kubeconfig context ${contextName} is not defined in ${files.join(', ')}`);
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

  const merged = new KubeConfig();
  merged.loadFromOptions({
    clusters: [cluster],
    users: user ? [user] : [],
    contexts: [context],
    currentContext: context.name,
  });
  return merged;
}
