// What users did to an application's live objects outside a sync — actions run, objects deleted
// or edited — kept per application (the last 200 entries, newest first) so the application's
// events show them beside the cluster's Events, as Argo CD records ResourceActionRan events.
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { scrubDeep } from '../git/scrub.ts';
import { writeFileAtomic } from '../workspace/atomic-write.ts';

export const MAX_ACTIVITY = 200;

export const activitySchema = z.object({
  at: z.string(),
  /** `ResourceActionRan`, `ResourceDeleted`, `ResourceUpdated`, or `…Failed`. */
  reason: z.string(),
  type: z.enum(['Normal', 'Warning']),
  message: z.string(),
  username: z.string().nullable(),
  /** `group/kind/namespace/name` of the object concerned. */
  resource: z.string(),
});
export type Activity = z.infer<typeof activitySchema>;

const safeName = /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/;

export class AppActivity {
  private readonly dir: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string, workspaceDir: string) {
    const workspaceKey = createHash('sha256').update(workspaceDir).digest('hex').slice(0, 16);
    this.dir = join(dataDir, 'activity', workspaceKey);
  }

  private fileOf(name: string): string {
    if (!safeName.test(name)) throw new Error(`activity of ${JSON.stringify(name)}: not an application name`);
    return join(this.dir, `${name}.json`);
  }

  async list(name: string): Promise<Activity[]> {
    try {
      const parsed = z.array(activitySchema).safeParse(JSON.parse(await readFile(this.fileOf(name), 'utf8')));
      return parsed.success ? parsed.data : [];
    } catch {
      return []; // none yet, or unreadable: the log is a convenience, never a reason to fail
    }
  }

  /** Adds an entry; writes run one after another, so none is lost. */
  record(name: string, entry: Activity): Promise<void> {
    const next = this.queue.then(async () => {
      const entries = [entry, ...(await this.list(name))].slice(0, MAX_ACTIVITY);
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.fileOf(name), `${JSON.stringify(scrubDeep(entries), null, 2)}\n`);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
