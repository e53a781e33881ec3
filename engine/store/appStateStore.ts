// Durable state of each application: its operation (running or last), its deployment history
// and its rollback pin, one JSON file per application under the data folder. Every change is
// written to a temporary file, flushed to disk and renamed over the old one, so a crash leaves
// either the old state or the new one, never half of each. Changes to one application are
// applied one after another.
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { historyEntrySchema } from '../api/contract/history.ts';
import { scrubDeep } from '../git/scrub.ts';

const initiatedBySchema = z.object({ username: z.string().nullable(), automated: z.boolean() });

export const operationRequestSchema = z.object({
  prune: z.boolean(),
  resources: z.array(z.string()).optional(),
  syncOptions: z.array(z.string()).optional(),
  confirmPrune: z.boolean().optional(),
  /** The commit of each source this operation deploys (null: a chart from a Helm repository). */
  revisions: z.array(z.string().nullable()),
  /** A rollback pins the application to these revisions. */
  rollback: z.boolean().optional(),
});
export type OperationRequest = z.infer<typeof operationRequestSchema>;

export const storedOperationSchema = z.object({
  request: operationRequestSchema,
  initiatedBy: initiatedBySchema,
  phase: z.enum(['Running', 'Terminating', 'Failed', 'Error', 'Succeeded']),
  message: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The history id of the interrupted operation this one retries. */
  retryOf: z.number().int().optional(),
  /** The process running it: another process sharing the data folder (the CLI beside the app) must not call it interrupted. */
  runner: z.object({ pid: z.number().int(), hostname: z.string() }).optional(),
});
export type StoredOperation = z.infer<typeof storedOperationSchema>;

/** A history entry as the contract shows it, without the commit (read from git when asked). */
export const historyRecordSchema = historyEntrySchema.omit({ commit: true });
export type HistoryRecord = z.infer<typeof historyRecordSchema>;

const appRecordSchema = z.object({
  nextHistoryId: z.number().int(),
  history: z.array(historyRecordSchema),
  operation: storedOperationSchema.nullable(),
  pin: z.object({ revisions: z.array(z.string().nullable()), since: z.string() }).nullable(),
  /** Every kind the application ever deployed: watched so that one that left git can still be pruned. */
  deployedTypes: z.array(z.object({ group: z.string(), kind: z.string() })).default([]),
  /** What auto-sync last attempted (revisions and source), so a restart does not repeat a failure. */
  autoSync: z.object({ target: z.string(), succeeded: z.boolean() }).nullable(),
});
export type AppRecord = z.infer<typeof appRecordSchema>;

export function emptyRecord(): AppRecord {
  return { nextHistoryId: 1, history: [], operation: null, pin: null, autoSync: null, deployedTypes: [] };
}

/** Application names are DNS subdomains; anything else never becomes a file name. */
const safeName = /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export class AppStateStore {
  private readonly records = new Map<string, Promise<AppRecord>>();
  private readonly dir: string;

  /** One folder per workspace: two workspaces may each have an application of the same name. */
  constructor(dataDir: string, workspaceDir: string) {
    const workspaceKey = createHash('sha256').update(workspaceDir).digest('hex').slice(0, 16);
    this.dir = join(dataDir, 'state', workspaceKey);
  }

  read(name: string): Promise<AppRecord> {
    return this.current(name).then(structuredClone);
  }

  /** Applies a change and writes the result before resolving; changes run in call order. */
  update(name: string, change: (record: AppRecord) => void): Promise<AppRecord> {
    const previous = this.current(name);
    const next = previous.then(async (record) => {
      const changed = structuredClone(record);
      change(changed);
      await this.write(name, changed);
      return changed;
    });
    // a failed write leaves the last state that reached the disk
    const settled = next.catch(() => previous);
    settled.catch(() => undefined);
    this.records.set(name, settled);
    return next.then(structuredClone);
  }

  private current(name: string): Promise<AppRecord> {
    let record = this.records.get(name);
    if (!record) {
      record = this.load(name);
      record.catch(() => undefined);
      // a name that is not an application's is refused every time, never remembered
      if (safeName.test(name)) this.records.set(name, record);
    }
    return record;
  }

  private fileOf(name: string): string {
    if (!safeName.test(name)) throw new Error(`state of ${JSON.stringify(name)}: not an application name`);
    return join(this.dir, `${name}.json`);
  }

  private async load(name: string): Promise<AppRecord> {
    let text: string;
    try {
      text = await readFile(this.fileOf(name), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyRecord();
      throw error;
    }
    const parsed = appRecordSchema.safeParse(parseJson(text));
    if (parsed.success) return parsed.data;
    // kept beside, never overwritten: what was in it may still matter to someone
    await rename(this.fileOf(name), `${this.fileOf(name)}.unreadable-${Date.now()}`);
    return emptyRecord();
  }

  private async write(name: string, record: AppRecord): Promise<void> {
    const file = this.fileOf(name);
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.tmp`;
    const handle = await open(temp, 'w', 0o600);
    try {
      // messages of failed operations quote tools: no credential reaches the disk through them
      await handle.writeFile(`${JSON.stringify(scrubDeep(record), null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  }
}
