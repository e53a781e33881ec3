// Reads the contexts of one or more kubeconfig files, merged as kubectl merges them (the first
// file to define a name wins). Only names, servers and namespaces come out: never a credential.
import { z } from 'zod';
import { parseYamlValue, readYamlFile, YamlError } from '../yaml/index.ts';
import type { ClusterList, KubeContext } from '../api/contract.ts';

const namedContext = z.object({
  name: z.string(),
  context: z.object({ cluster: z.string(), user: z.string().default(''), namespace: z.string().optional() }),
});
const namedCluster = z.object({
  name: z.string(),
  cluster: z.object({ server: z.string().optional() }).loose(),
});
const kubeconfigSchema = z
  .object({
    'current-context': z.string().optional(),
    contexts: z.array(namedContext).nullish(),
    clusters: z.array(namedCluster).nullish(),
  })
  .loose();

interface ParsedFile {
  current?: string;
  contexts: z.infer<typeof namedContext>[];
  servers: Map<string, string | undefined>;
}

async function readOne(file: string): Promise<ParsedFile | null> {
  let text: string;
  try {
    // A regular file only: a FIFO, a device or a /proc path is refused, never waited on.
    text = await readYamlFile(file, { what: 'kubeconfig' });
  } catch (error) {
    // kubectl skips KUBECONFIG entries that do not exist
    if (error instanceof YamlError && error.code === 'ENOENT') return null;
    throw error;
  }
  const doc = kubeconfigSchema.safeParse(parseYamlValue(text, { source: file }) ?? {});
  if (!doc.success)
    throw new Error(`${file} is not a kubeconfig: ${doc.error.issues[0]?.message ?? 'invalid'}`);
  return {
    current: doc.data['current-context'] || undefined,
    contexts: doc.data.contexts ?? [],
    servers: new Map((doc.data.clusters ?? []).map((c) => [c.name, c.cluster.server])),
  };
}

export async function readKubeContexts(files: string[]): Promise<ClusterList> {
  const problems: ClusterList['problems'] = [];
  const parsed: ParsedFile[] = [];
  for (const file of files) {
    try {
      const one = await readOne(file);
      if (one) parsed.push(one);
    } catch (error) {
      problems.push({ file, message: (error as Error).message.replace(/^Error: /, '') });
    }
  }
  const currentContext = parsed.find((file) => file.current)?.current ?? null;
  const servers = new Map<string, string | undefined>();
  for (const file of parsed)
    for (const [name, server] of file.servers) if (!servers.has(name)) servers.set(name, server);

  const contexts = new Map<string, KubeContext>();
  for (const file of parsed) {
    for (const { name, context } of file.contexts) {
      if (contexts.has(name)) continue;
      contexts.set(name, {
        name,
        cluster: context.cluster,
        server: servers.get(context.cluster) ?? null,
        user: context.user,
        namespace: context.namespace ?? null,
        current: name === currentContext,
      });
    }
  }
  return { contexts: [...contexts.values()], currentContext, files, problems };
}
