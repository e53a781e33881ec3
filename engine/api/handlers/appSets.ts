// The ApplicationSets area's calls: each a step into the open workspace's sets.
import type { Handlers } from '../handlers.ts';
import type { appSetCalls } from '../contract.ts';
import { ContractError } from '../errors.ts';
import type { WorkspaceSession } from '../../controller/workspaceSession.ts';
import { applicationSetFromText } from '../../appset/parseSet.ts';
import type { ApplicationSet } from '../../model/index.ts';
import { generatorSecretAccount } from '../../appset/generatorSecret.ts';
import type { SecretStore } from '../../secrets/secretStore.ts';

export type AppSetCallName = keyof typeof appSetCalls;

export function appSetHandlers(
  workspace: WorkspaceSession,
  secrets: SecretStore,
): Pick<Handlers, AppSetCallName> {
  const apps = () => workspace.apps();
  return {
    'appsets.list': async () => ({ sets: (await apps()).appSets.list() }),
    'appsets.get': async ({ name }) => {
      const open = await apps();
      const found = open.appSets.get(name);
      if (!found) throw new ContractError('invalid-input', `no ApplicationSet named ${name}`);
      const applications = open.list().filter((app) => app.applicationSet === name);
      return { ...found, applications };
    },
    'appsets.preview': async ({ name, text, files }) => {
      const open = await apps();
      let set: ApplicationSet;
      try {
        set =
          text !== undefined
            ? applicationSetFromText(text, 'the edited ApplicationSet')
            : open.appSets.definition(name!);
      } catch (error) {
        if (error instanceof ContractError) throw error;
        return { name: name ?? '(edited)', errors: [(error as Error).message], entries: [] };
      }
      return open.appSets.drafts.preview(set, files);
    },
    'appsets.file': async ({ name, repoURL, path }) => {
      const open = await apps();
      return { text: await open.appSets.drafts.repositoryFile(open.appSets.definition(name), repoURL, path) };
    },
    'appsets.save': async ({ name, text }) => (await apps()).appSets.drafts.save(name, text),
    'appsets.secret': async ({ secret, key, token }) => {
      let account: string;
      try {
        account = generatorSecretAccount(secret, key);
      } catch (error) {
        throw new ContractError('invalid-input', (error as Error).message);
      }
      if (token === null) await secrets.delete(account);
      else await secrets.set(account, token);
      (await apps()).appSets.servicesChanged();
      return { account, stored: token !== null };
    },
  };
}
