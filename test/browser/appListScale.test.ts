// The application list at fleet size, in Chromium: 10,000 applications render with only the rows
// in view in the page, a filter keystroke answers at once, scrolling reaches the last one, and a
// change event for one application updates its row. The page is served by the real host; the
// engine behind it is a stand-in client that answers with 10,000 summaries, since this measures
// the renderer alone (the engine at fleet size is `npm run bench:fleet`'s job).
// In-page code is written as strings: the tests are type-checked without the DOM library.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { screenshotDir } from '../support/browser.ts';
import { useDemoHost } from '../support/demoHost.ts';

const FLEET = 10_000;

/** Runs in the page before the app: a client with FLEET applications, and a hook to push events. */
const fleetClient = `(() => {
  const summary = (i) => {
    const name = 'app-' + String(i).padStart(5, '0');
    return {
      name,
      project: 'team-' + (i % 40),
      sources: [{ repoURL: 'https://git.example.test/fleet.git', path: 'apps/' + name, chart: null, targetRevision: 'main', ref: null }],
      destination: { server: null, name: 'cluster-' + (i % 3), namespace: name },
      revision: '0123456789abcdef0123456789abcdef01234567',
      file: 'apps/' + name + '.yaml',
      conditions: [],
      phase: 'rendered',
      resourceCount: 20,
      autoSync: i % 2 === 0,
      health: { status: i % 97 === 0 ? 'Degraded' : 'Healthy' },
      sync: { status: i % 89 === 0 ? 'OutOfSync' : 'Synced', revision: '0123456789abcdef0123456789abcdef01234567' },
      info: [], lastSync: null, pin: null, lease: null, operationRunning: false, syncWindows: null,
    };
  };
  const listeners = new Set();
  const fleet = Array.from({ length: ${FLEET} }, (_, i) => summary(i));
  const answers = {
    'apps.list': { apps: fleet },
    'workspace.info': { dir: '/fleet', isGitRepository: true, isDemo: false, problems: [] },
  };
  window.plumbline = {
    call(name) {
      if (name === 'apps.list') window.listAnsweredAt = performance.now();
      return name in answers ? Promise.resolve(answers[name]) : new Promise(() => undefined);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  window.pushEvent = (event) => listeners.forEach((listener) => listener(event));
  window.fleetSummary = summary;
})()`;

/** Time from the list's arrival to the first frame that shows it. */
const firstRenderMs = `new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now() - window.listAnsweredAt)))`;

/** Types the filter's new value as one input event; time to the frame after React's update. */
const keystrokeMs = (value: string) => `(() => {
  const input = document.querySelector('input[aria-label="Filter applications"]');
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const started = performance.now();
  setValue.call(input, ${JSON.stringify(value)});
  input.dispatchEvent(new Event('input', { bubbles: true }));
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started), 0)));
})()`;

const pushChange = `window.pushEvent({
  event: 'apps.changed',
  payload: {
    changed: [{ ...window.fleetSummary(9999), health: { status: 'Degraded' }, sync: { status: 'OutOfSync' } }],
    removed: ['app-09998'],
  },
})`;

const renderedRows = 'table[aria-label="Applications"] tbody tr[data-index]';

describe('the application list at 10,000 applications', () => {
  const session = useDemoHost({ viewport: { width: 1280, height: 800 } });

  it('renders only the rows in view, filters at once, scrolls to the end and follows a change', async () => {
    const { page, host } = session;
    await page.addInitScript({ content: fleetClient });
    await page.goto(host.url);
    await page.waitForSelector(renderedRows);
    const renderMs = await page.evaluate<number>(firstRenderMs);
    const inPage = await page.locator(renderedRows).count();
    expect(inPage).toBeGreaterThan(5);
    expect(inPage).toBeLessThan(100);
    await expect.poll(() => page.getByText(`${FLEET} applications`).count()).toBe(1);
    await page.screenshot({ path: join(screenshotDir, 'app-list-10000.png') });

    const keystrokes: number[] = [];
    for (const text of ['a', 'ap', 'app-0', 'app-00', 'app-007', 'app-0077', 'app-00777'])
      keystrokes.push(await page.evaluate<number>(keystrokeMs(text)));
    await expect.poll(() => page.locator(renderedRows).count()).toBe(1);
    expect(await page.getByText(`1 of ${FLEET} applications`).count()).toBe(1);
    await page.screenshot({ path: join(screenshotDir, 'app-list-10000-filtered.png') });

    await page.getByRole('searchbox', { name: 'Filter applications' }).fill('');
    await page.locator('main.content').evaluate((main) => main.scrollTo(0, main.scrollHeight));
    await expect.poll(() => page.getByRole('row', { name: /app-09999/ }).count()).toBe(1);

    await page.evaluate(pushChange);
    await expect.poll(() => page.getByRole('row', { name: /app-09999.*OutOfSync/ }).count()).toBe(1);
    expect(await page.getByRole('row', { name: /app-09998/ }).count()).toBe(0);
    await expect.poll(() => page.getByText(`${FLEET - 1} applications`).count()).toBe(1);

    console.log(
      `application list, ${FLEET} applications: first render ${renderMs.toFixed(0)} ms, ` +
        `filter keystrokes ${keystrokes.map((ms) => ms.toFixed(0)).join('/')} ms`,
    );
    // The targets are 1.5 s and 100 ms. The test runs beside others, so the first render gets
    // twice that and the slowest keystroke three times; the median keystroke must meet it. A list
    // that is not virtualised takes several seconds for each.
    const median = [...keystrokes].sort((a, b) => a - b)[Math.floor(keystrokes.length / 2)]!;
    expect(renderMs).toBeLessThan(3_000);
    expect(median).toBeLessThan(100);
    expect(Math.max(...keystrokes)).toBeLessThan(300);
  });
});
