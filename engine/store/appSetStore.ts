// Durable state of each ApplicationSet: the applications it has now (what Argo CD keeps in the
// cluster as Application objects owned by the set), the parameters each was rendered from, and
// the deletions still owed (an application whose resources could not be pruned yet). A policy
// that does not update (create-only) or a broken template keeps the last good applications, so
// they must survive a restart, with the progressive sync status of each application, and the set's
// last valid definition: a set removed while Plumbline was not running is removed at the next
// start as its policy says. One JSON file per set, written atomically.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { scrubDeep } from '../git/scrub.ts';
import { rolloutAppStatusSchema } from '../api/contract/appSets.ts';
import { applicationSchema, applicationSetSchema } from '../model/index.ts';
import { writeFileAtomic } from '../workspace/atomic-write.ts';

const setRecordSchema = z.object({
  applications: z.array(applicationSchema),
  params: z.record(z.string(), z.record(z.string(), z.unknown())),
  generatedAt: z.string().nullable(),
  pendingDeletions: z.array(z.object({ name: z.string(), application: applicationSchema })).default([]),
  /** Progressive sync (RollingSync): each application's status, Argo CD's status.applicationStatus. */
  applicationStatus: z.array(rolloutAppStatusSchema).default([]),
  /** The set's last valid definition (what its removal does); null in files written before it was kept. */
  definition: applicationSetSchema.nullable().default(null),
  /** The app-of-apps parent whose manifests define the set; null for a workspace file. */
  parent: z.string().nullable().default(null),
});
export type AppSetRecord = z.infer<typeof setRecordSchema>;

export const emptySetRecord = (): AppSetRecord => ({
  applications: [],
  params: {},
  generatedAt: null,
  pendingDeletions: [],
  applicationStatus: [],
  definition: null,
  parent: null,
});

/** ApplicationSet names are DNS subdomains; anything else never becomes a file name. */
const safeName = /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/;

export class AppSetStore {
  private readonly dir: string;

  /** One folder per workspace, as for the applications' state. */
  constructor(dataDir: string, workspaceDir: string) {
    const workspaceKey = createHash('sha256').update(workspaceDir).digest('hex').slice(0, 16);
    this.dir = join(dataDir, 'appset-state', workspaceKey);
  }

  async read(name: string): Promise<AppSetRecord> {
    if (!safeName.test(name)) return emptySetRecord();
    let text: string;
    try {
      text = await readFile(this.fileOf(name), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptySetRecord();
      throw error;
    }
    let parsed: z.ZodSafeParseResult<AppSetRecord>;
    try {
      parsed = setRecordSchema.safeParse(JSON.parse(text));
    } catch {
      parsed = setRecordSchema.safeParse(undefined);
    }
    if (parsed.success) return parsed.data;
    // kept beside, never overwritten: what was in it may still matter to someone
    await rename(this.fileOf(name), `${this.fileOf(name)}.unreadable-${Date.now()}`);
    return emptySetRecord();
  }

  /** The sets that have a state file (those of sets no longer in the workspace included). */
  async names(): Promise<string[]> {
    const files = await readdir(this.dir).catch(() => [] as string[]);
    return files
      .filter((file) => file.endsWith('.json'))
      .map((file) => file.slice(0, -'.json'.length))
      .filter((name) => safeName.test(name));
  }

  /** A set whose name cannot be a file keeps its state in memory only (it has a condition anyway). */
  async write(name: string, record: AppSetRecord): Promise<void> {
    if (!safeName.test(name)) return;
    await mkdir(this.dir, { recursive: true });
    await writeFileAtomic(this.fileOf(name), `${JSON.stringify(scrubDeep(record))}\n`);
  }

  private fileOf(name: string): string {
    return join(this.dir, `${name}.json`);
  }
}
