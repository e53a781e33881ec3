// The GnuPG keys area's calls: steps into the keyring of the data folder. A change of keys
// renders the applications again, so a signature condition comes or goes at once.
import type { GpgKeyCallName, Handlers } from '../handlers.ts';
import { ContractError } from '../errors.ts';
import { GpgKeyring, KeyFileError } from '../../gpg/keyring.ts';
import type { WorkspaceSession } from '../../controller/workspaceSession.ts';

export function gpgKeyHandlers(dataDir: string, workspace: WorkspaceSession): Pick<Handlers, GpgKeyCallName> {
  const keyring = GpgKeyring.of(dataDir);
  const refused = (error: unknown): never => {
    if (error instanceof KeyFileError) throw new ContractError('invalid-input', error.message);
    throw error;
  };
  const keysChanged = () =>
    void workspace.apps().then(
      (apps) => apps.list().forEach((app) => void apps.refresh(app.name, false).catch(() => undefined)),
      () => undefined,
    );
  return {
    'gpg.list': async () => ({ keys: await keyring.list() }),
    'gpg.add': async ({ keyData, encoding }) => {
      const file = encoding === 'base64' ? Buffer.from(keyData, 'base64') : Buffer.from(keyData, 'utf8');
      const keys = await keyring.add(file).catch(refused);
      keysChanged();
      return { keys };
    },
    'gpg.remove': async ({ keyId }) => {
      const removed = await keyring.remove(keyId).catch(refused);
      if (removed) keysChanged();
      return { removed };
    },
  };
}
