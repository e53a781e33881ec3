// The application list at fleet size, in Chromium: 10,000 applications render with only the rows
// in view in the page, a filter keystroke answers at once, scrolling reaches the last one, and a
// change event for one application updates its row. The page is served by the real host; the
// engine behind it is a stand-in client that answers with 10,000 summaries, since this measures
// the renderer alone (the engine at fleet size is `npm run bench:fleet`'s job).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { screenshotDir } from '../support/browser.ts';
import { useDemoHost } from '../support/demoHost.ts';

const FLEET = 10_000;

/** Runs in the page before the app: a client with FLEET applications, and a hook to push events. */
function installFleetClient(size: number): void {
  const summary = (i: number) => {
    const name = `app-${String(i).padStart(5, '0')}`;
    return {
      name,
      project: `team-${i % 40}`,
      sources: [
        {
          repoURL: 'https://git.example.test/fleet.git',
          path: `apps/${name}`,
          chart: null,
          targetRevision: 'main',
          ref: null,
        },
      ],
      destination: { server: null, name: `cluster-${i % 3}`, namespace: name },
      revision: '0123456789abcdef0123456789abcdef01234567',
      file: `apps/${name}.yaml`,
      conditions: [],
      phase: 'rendered',
      resourceCount: 20,
      autoSync: i % 2 === 0,
      health: { status: i % 97 === 0 ? 'Degraded' : 'Healthy' },
      sync: {
        status: i % 89 === 0 ? 'OutOfSync' : 'Synced',
        revision: '0123456789abcdef0123456789abcdef01234567',
      },
      lastSync: null,
      pin: null,
      lease: null,
      operationRunning: false,
      syncWindows: null,
    };
  };
  const listeners = new Set<(event: unknown) => void>();
  const fleet = Array.from({ length: size }, (_, i) => summary(i));
  const answers: Record<string, unknown> = {
    'apps.list': { apps: fleet },
    'workspace.info': { dir: '/fleet', isGitRepository: true, isDemo: false, problems: [] },
  };
  const page = window as unknown as Record<string, unknown>;
  page.plumbline = {
    call(name: string) {
      if (name === 'apps.list') page.listAnsweredAt = performance.now();
      return name in answers ? Promise.resolve(answers[name]) : new Promise(() => undefined);
    },
    subscribe(listener: (event: unknown) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  page.pushEvent = (event: unknown) => listeners.forEach((listener) => listener(event));
  page.fleetSummary = summary;
}

const renderedRows = 'table[aria-label="Applications"] tbody tr[data-index]';

describe('the application list at 10,000 applications', () => {
  const session = useDemoHost({ viewport: { width: 1280, height: 800 } });

  it('renders only the rows in view, filters at once, scrolls to the end and follows a change', async () => {
    const { page, host } = session;
    await page.addInitScript(installFleetClient, FLEET);
    await page.goto(host.url);
    await page.waitForSelector(renderedRows);
    const renderMs = await page.evaluate(
      () =>
        new Promise<number>((resolve) =>
          requestAnimationFrame(() =>
            resolve(performance.now() - ((window as unknown as Record<string, number>).listAnsweredAt ?? 0)),
          ),
        ),
    );
    const inPage = await page.locator(renderedRows).count();
    expect(inPage).toBeGreaterThan(5);
    expect(inPage).toBeLessThan(100);
    await expect.poll(() => page.getByText(`${FLEET} applications`).count()).toBe(1);
    await page.screenshot({ path: join(screenshotDir, 'app-list-10000.png') });

    // one keystroke at a time, timed from the input event to the next frame after React's update
    const keystrokeMs: number[] = [];
    for (const text of ['a', 'ap', 'app-0', 'app-00', 'app-007', 'app-0077']) {
      keystrokeMs.push(
        await page.evaluate((value) => {
          const input = document.querySelector<HTMLInputElement>('input[aria-label="Filter applications"]')!;
          const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
          const started = performance.now();
          setValue.call(input, value);
          input.dispatchEvent(new Event('input', { bubbles: true }));
          return new Promise<number>((resolve) =>
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started), 0)),
          );
        }, text),
      );
    }
    await expect.poll(() => page.locator(renderedRows).count()).toBe(3);
    await expect(page.getByText(`3 of ${FLEET} applications`)).toBeVisible();
    await page.screenshot({ path: join(screenshotDir, 'app-list-10000-filtered.png') });

    await page.getByRole('searchbox', { name: 'Filter applications' }).fill('');
    await page.locator('main.content').evaluate((main) => main.scrollTo(0, main.scrollHeight));
    await expect(page.getByRole('row', { name: /app-09999/ })).toBeVisible();

    await page.evaluate(() => {
      const w = window as unknown as Record<string, (arg: unknown) => Record<string, unknown>>;
      const changed = {
        ...w.fleetSummary!(9999),
        health: { status: 'Degraded' },
        sync: { status: 'OutOfSync' },
      };
      w.pushEvent!({ event: 'apps.changed', payload: { changed: [changed], removed: ['app-09998'] } });
    });
    await expect(page.getByRole('row', { name: /app-09999.*OutOfSync/ })).toBeVisible();
    await expect(page.getByRole('row', { name: /app-09998/ })).toHaveCount(0);
    await expect(page.getByText(`${FLEET - 1} applications`)).toBeVisible();

    const slowestKeystroke = Math.max(...keystrokeMs);
    console.log(
      `application list, ${FLEET} applications: first render ${renderMs.toFixed(0)} ms, ` +
        `filter keystrokes ${keystrokeMs.map((ms) => ms.toFixed(0)).join('/')} ms`,
    );
    // The targets are 1.5 s and 100 ms on a quiet machine; the test runs beside others, so it
    // allows twice that: a list that is not virtualised takes several times longer.
    expect(renderMs).toBeLessThan(3_000);
    expect(slowestKeystroke).toBeLessThan(200);
  });
});
