// The registered clusters: metadata in `clusters.json` of the data folder (electron-store's
// format, through its underlying `conf`, so the desktop and headless hosts share the file),
// credentials in the SecretStore. The file is read on every call, so a CLI run and the desktop
// app see each other's changes.
import Conf from 'conf';
import { z } from 'zod';
import type { SecretStore } from '../secrets/secretStore.ts';
import { writeClusterCredentials, type ClusterCredentials } from './clusterCredentials.ts';
import { clusterRecordSchema, type ClusterRecord } from './clusterRecord.ts';

export interface ClusterRegistration {
  record: ClusterRecord;
  credentials: ClusterCredentials;
}

export interface ClusterRegistry {
  /** Where the metadata lives: for messages and tests. */
  readonly path: string;
  list(): ClusterRecord[];
  get(name: string): ClusterRecord | undefined;
  /** Registers a new cluster; a taken name is an error (remove it first). */
  add(registration: ClusterRegistration): Promise<ClusterRecord>;
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
