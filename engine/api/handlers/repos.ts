// The repositories area's calls: each a step into the configured repositories.
import type { Handlers, RepoCallName } from '../handlers.ts';
import { ContractError } from '../errors.ts';
import { repoDefinitionSchema } from '../contract/repos.ts';
import type { Repositories } from '../../repos/repositories.ts';
import { parseArgoRepoSecrets, secretsOf } from '../../repos/argoSecrets.ts';
import type { ClusterConnection } from '../../cluster/index.ts';

const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const SECRET_TYPES = 'argocd.argoproj.io/secret-type in (repository,repo-creds)';

export function repoHandlers(
  repositories: Repositories,
  connect: (cluster: string) => Promise<ClusterConnection>,
): Pick<Handlers, RepoCallName> {
  const invalid = (error: unknown) => new ContractError('invalid-input', (error as Error).message);
  return {
    'repos.list': () => repositories.list(),
    'repos.add': async ({ definition, upsert }) => {
      try {
        // validated already: zod filled the defaults in; the type is the input's
        const full = repoDefinitionSchema.parse(definition);
        return { repository: await repositories.add(full, { upsert: upsert ?? false }) };
      } catch (error) {
        throw invalid(error);
      }
    },
    'repos.remove': async ({ url, kind }) => {
      try {
        return { removed: await repositories.remove(url, kind ?? 'repository') };
      } catch (error) {
        throw invalid(error);
      }
    },
    'repos.test': async ({ url }) => {
      try {
        return await repositories.test(url);
      } catch (error) {
        throw invalid(error);
      }
    },
    'repos.import': async (input) => {
      if ('yaml' in input) {
        const source = input.source ?? 'pasted YAML';
        let parsed;
        try {
          parsed = parseArgoRepoSecrets(input.yaml, source);
        } catch (error) {
          throw invalid(error);
        }
        return repositories.importSecrets(parsed, input.source ? `file ${source}` : source);
      }
      const namespace = input.namespace ?? 'argocd';
      if (!NAMESPACE.test(namespace))
        throw invalid(new Error(`${JSON.stringify(namespace)} is not a namespace name`));
      const connection = await connect(input.cluster);
      const list = await connection.requestJson<{ items?: unknown[] }>({
        verb: 'list',
        method: 'GET',
        path: `/api/v1/namespaces/${namespace}/secrets?labelSelector=${encodeURIComponent(SECRET_TYPES)}`,
        what: `list repository Secrets in ${namespace}`,
      });
      const items = (list.items ?? []).map((item) => ({ kind: 'Secret', ...(item as object) }));
      return repositories.importSecrets(secretsOf(items), `cluster ${input.cluster}/${namespace}`);
    },
    'repos.addKnownHosts': async ({ text }) => {
      try {
        return { added: await repositories.addKnownHosts(text) };
      } catch (error) {
        throw invalid(error);
      }
    },
    'repos.removeKnownHosts': async ({ host }) => ({ removed: await repositories.removeKnownHosts(host) }),
    'repos.setCertificates': async ({ host, pem }) => {
      try {
        await repositories.setTlsCertificates(host, pem);
        return {};
      } catch (error) {
        throw invalid(error);
      }
    },
  };
}
