// The registered clusters: metadata in `clusters.json` of the data folder (electron-store's
// format, through its underlying `conf`, so the desktop and headless hosts share the file),
// credentials in the SecretStore. The file is read on every call, so a CLI run and the desktop
// app see each other's changes.
import Conf from 'conf';
import { z } from 'zod';
import type { SecretStore } from '../secrets/secretStore.ts';
import {
  readClusterCredentials,
  writeClusterCredentials,
  type ClusterCredentials,
} from './clusterCredentials.ts';
import { clusterCredentialAccount, clusterRecordSchema, type ClusterRecord } from './clusterRecord.ts';
import { SERVICE_ACCOUNT_ANNOTATION } from './serviceAccount.ts';

export interface ClusterRegistration {
  record: ClusterRecord;
  credentials: ClusterCredentials;
}

/** What an edit may change; `namespaces: null` means the whole cluster again. */
export interface ClusterChanges {
  name?: string;
  labels?: Record<string, string>;
  namespaces?: string[] | null;
}

export interface ClusterRegistry {
  /** Where the metadata lives: for messages and tests. */
  readonly path: string;
  list(): ClusterRecord[];
  get(name: string): ClusterRecord | undefined;
  /** Registers a new cluster; a taken name is an error (remove it first). */
  add(registration: ClusterRegistration): Promise<ClusterRecord>;
  /** Edits a record; a new name moves the credentials to the new keychain entry. */
  update(name: string, changes: ClusterChanges): Promise<ClusterRecord>;
  /**
   * New server address, TLS settings and credentials for a registered cluster (an expired token,
   * a rotated certificate, a moved endpoint); its name, labels and namespaces stay.
   */
  reconnect(name: string, connection: ClusterRegistration): Promise<ClusterRecord>;
  /** Removes the record and its keychain entry; `false` when no such cluster. */
  remove(name: string): Promise<boolean>;
}

const fileSchema = z.object({ clusters: z.array(clusterRecordSchema).default([]) });
type RegistryFile = z.infer<typeof fileSchema>;

export function clusterRegistry(dataDir: string, secrets: SecretStore): ClusterRegistry {
  const conf = new Conf<RegistryFile>({
    cwd: dataDir,
    configName: 'clusters',
    // Cluster names may contain dots; keys are never paths here.
    accessPropertiesByDotNotation: false,
  });

  function read(): ClusterRecord[] {
    const parsed = fileSchema.safeParse(conf.store);
    if (!parsed.success) {
      const where = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
      throw new Error(`cluster registry ${conf.path} is damaged at ${where}; fix or remove the file`);
    }
    return parsed.data.clusters;
  }

  const write = (clusters: ClusterRecord[]) => conf.set('clusters', clusters);

  return {
    path: conf.path,
    list: read,
    get: (name) => read().find((record) => record.name === name),
    async add({ record, credentials }) {
      const valid = clusterRecordSchema.parse(record);
      if (read().some((existing) => existing.name === valid.name))
        throw new Error(`a cluster named ${valid.name} is already registered; remove it first`);
      // Keychain first: a record without its credentials would be a cluster that cannot connect.
      await writeClusterCredentials(secrets, valid.credentialAccount, credentials);
      try {
        write([...read(), valid]);
      } catch (error) {
        await secrets.delete(valid.credentialAccount);
        throw error;
      }
      return valid;
    },
    async update(name, changes) {
      const clusters = read();
      const record = clusters.find((existing) => existing.name === name);
      if (!record) throw new Error(`no cluster named ${name} is registered`);
      const newName = changes.name ?? name;
      if (newName !== name && clusters.some((existing) => existing.name === newName))
        throw new Error(`a cluster named ${newName} is already registered`);
      const { namespaces, ...unchanged } = record;
      const kept = changes.namespaces === undefined ? namespaces : changes.namespaces;
      const updated = clusterRecordSchema.parse({
        ...unchanged,
        ...(kept ? { namespaces: kept } : {}),
        name: newName,
        labels: changes.labels ?? record.labels,
        credentialAccount: clusterCredentialAccount(newName),
      });
      if (updated.credentialAccount !== record.credentialAccount) {
        const credentials = await readClusterCredentials(secrets, record.credentialAccount);
        if (credentials) await writeClusterCredentials(secrets, updated.credentialAccount, credentials);
      }
      write(clusters.map((existing) => (existing === record ? updated : existing)));
      // The old entry goes last: until the record points elsewhere, it is the one in use.
      if (updated.credentialAccount !== record.credentialAccount)
        await secrets.delete(record.credentialAccount);
      return updated;
    },
    async reconnect(name, connection) {
      const clusters = read();
      const record = clusters.find((existing) => existing.name === name);
      if (!record) throw new Error(`no cluster named ${name} is registered`);
      const { labels, namespaces, annotations, credentialAccount } = record;
      const { [SERVICE_ACCOUNT_ANNOTATION]: _formerServiceAccount, ...kept } = annotations;
      const reached = connection.record;
      const updated = clusterRecordSchema.parse({
        ...reached,
        name,
        labels,
        ...(namespaces ? { namespaces } : {}),
        annotations: { ...kept, ...reached.annotations },
        credentialAccount,
      });
      const former = await readClusterCredentials(secrets, credentialAccount);
      await writeClusterCredentials(secrets, credentialAccount, connection.credentials);
      try {
        write(clusters.map((existing) => (existing === record ? updated : existing)));
      } catch (error) {
        if (former) await writeClusterCredentials(secrets, credentialAccount, former);
        throw error;
      }
      return updated;
    },
    async remove(name) {
      const clusters = read();
      const record = clusters.find((existing) => existing.name === name);
      if (!record) return false;
      // Keychain first: if it is locked, nothing is removed and the user can retry.
      await secrets.delete(record.credentialAccount);
      write(clusters.filter((existing) => existing !== record));
      return true;
    },
  };
}
