// Hostile and broken AppProjects: sync windows Argo CD's parser refuses or reads oddly, durations
// out of range, unknown time zones, sourceRepos tricks and patterns built to make a glob matcher
// backtrack, destinations full of regular-expression characters, an empty project. Each project
// is written as YAML into a workspace and loaded as the engine loads it; then the policy judges
// two applications: `target` (the one the hostile part aims at) and `bystander` (another project
// or a window that does not select it), which must be unaffected.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { appSyncWindows } from '../../engine/controller/syncWindowWatch.ts';
import { projectSummaries } from '../../engine/controller/workspaceSummary.ts';
import type { AppProject } from '../../engine/model/index.ts';
import { authorizeWrite } from '../../engine/policy/projectRules.ts';
import { sourcesPermitted } from '../../engine/policy/sourceRepos.ts';
import { loadWorkspace } from '../../engine/workspace/index.ts';
import { tempDir } from '../support/tempDir.ts';
import { applicationYaml, projectYaml } from '../support/workspaceFixtures.ts';
import { badInputCases, type BadInputCase } from './corpus.ts';

const repo = 'https://git.example.test/team/app.git';

interface Judged {
  projectProblems: string[];
  target: { windows: unknown; source: unknown };
  bystander: { windows: unknown; source: unknown };
  windowSummaries: unknown;
}

/** Loads a workspace with the hostile project `team` and judges its application and a bystander. */
async function judge(spec: Record<string, unknown>, targetRepo = repo): Promise<Judged> {
  const dir = join(tempDir('plumbline-badproject-'), 'workspace');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'project.yaml'), projectYaml('team', spec));
  const destination = { name: 'dev', namespace: 'shop' };
  writeFileSync(
    join(dir, 'target.yaml'),
    applicationYaml('target', { project: 'team', source: { repoURL: targetRepo, path: 'app' }, destination }),
  );
  writeFileSync(
    join(dir, 'bystander.yaml'),
    applicationYaml('bystander', { source: { repoURL: repo, path: 'app' }, destination }),
  );
  const workspace = await loadWorkspace(dir);
  const verdicts = (name: string) => {
    const app = workspace.applications.find((a) => a.name === name)!.definition!;
    const project = workspace.projects.find((p) => p.name === (app.spec.project ?? 'default'))?.definition;
    return {
      windows: appSyncWindows(app, workspace.projects, new Date('2026-11-26T12:00:30Z')),
      source: project ? sourcesPermitted(project, app) : 'no project',
    };
  };
  const summary = projectSummaries(workspace, new Date('2026-11-26T12:00:30Z')).find(
    (p) => p.name === 'team',
  );
  return {
    projectProblems: [
      ...(workspace.projects.find((p) => p.name === 'team')?.conditions ?? []).map((c) => c.message),
      ...workspace.problems.map((p) => p.message),
    ],
    target: verdicts('target'),
    bystander: verdicts('bystander'),
    windowSummaries: summary?.syncWindows ?? null,
  };
}

const open = { sourceRepos: ['*'], destinations: [{ name: '*', namespace: '*' }] };
const windowOnTarget = (window: Record<string, unknown>) => ({
  ...open,
  syncWindows: [{ applications: ['target'], ...window }],
});

/** The target's windows block it with a message matching `reason`; the bystander syncs freely. */
function blockedWindow(name: string, window: Record<string, unknown>, reason: RegExp): BadInputCase {
  return {
    name,
    outcome:
      'the window is invalid: the application it selects cannot sync, with the reason; others unaffected',
    run: async () => {
      const judged = await judge(windowOnTarget(window));
      expect(judged.projectProblems).toEqual([]);
      expect(judged.target.windows).toMatchObject({ automated: false, manual: false });
      expect((judged.target.windows as { message: string }).message).toMatch(reason);
      expect(judged.bystander.windows).toBeNull();
      return judged;
    },
  };
}

function refusedSource(name: string, sourceRepos: string[], targetRepo: string, rule: RegExp): BadInputCase {
  return {
    name,
    outcome: 'the application is refused with the rule named; the bystander is permitted',
    run: async () => {
      const started = performance.now();
      const judged = await judge({ ...open, sourceRepos }, targetRepo);
      expect(judged.target.source).toMatchObject({ allowed: false });
      expect((judged.target.source as { message: string }).message).toMatch(rule);
      expect(judged.bystander.source).toEqual({ allowed: true });
      expect(performance.now() - started).toBeLessThan(5_000);
      return judged;
    },
  };
}

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
};

badInputCases('projects', [
  blockedWindow(
    'sync window schedule "every day"',
    { kind: 'deny', schedule: 'every day', duration: '1h' },
    /cannot parse schedule 'every day': expected exactly 5 fields/,
  ),
  blockedWindow(
    'sync window with a weekday of 7',
    { kind: 'allow', schedule: '0 9 * * 7', duration: '1h' },
    /end of range \(7\) above maximum \(6\)/,
  ),
  blockedWindow(
    'sync window with an @daily descriptor',
    { kind: 'allow', schedule: '@daily', duration: '1h' },
    /parser does not accept descriptors/,
  ),
  blockedWindow(
    'sync window with a CRON_TZ prefix and no schedule',
    { kind: 'allow', schedule: 'CRON_TZ=UTC', duration: '1h' },
    /provided bad location/,
  ),
  blockedWindow(
    'sync window with minute 60 and a step of 0',
    { kind: 'allow', schedule: '60 */0 * * *', duration: '1h' },
    /above maximum \(59\)/,
  ),
  blockedWindow(
    'sync window of 10,000,000 hours',
    { kind: 'deny', schedule: '0 0 * * *', duration: '10000000h' },
    /cannot parse duration '10000000h'.*out of range/,
  ),
  blockedWindow(
    'sync window duration "10 days"',
    { kind: 'deny', schedule: '0 0 * * *', duration: '10 days' },
    /cannot parse duration '10 days'/,
  ),
  {
    name: 'sync window with a negative duration',
    outcome: 'valid but never active: syncs allowed, nothing said to change',
    run: async () => {
      const judged = await judge(windowOnTarget({ kind: 'deny', schedule: '* * * * *', duration: '-1h' }));
      expect(judged.target.windows).toMatchObject({ automated: true, manual: true, changesAt: null });
      return judged;
    },
  },
  {
    name: 'sync window in time zone "Mars/Olympus"',
    outcome: 'read as UTC as Argo CD does, and shown so; nothing blocked by it',
    run: async () => {
      const judged = await judge(
        windowOnTarget({ kind: 'deny', schedule: '0 0 1 1 *', duration: '1h', timeZone: 'Mars/Olympus' }),
      );
      expect(judged.target.windows).toMatchObject({ automated: true, manual: true });
      expect(JSON.stringify(judged.windowSummaries)).toContain('is not a known time zone');
      return judged;
    },
  },
  {
    name: 'deny window on a day that never comes (0 0 30 2 *)',
    outcome: 'always active as in Argo CD: the application is blocked with no end given',
    run: async () => {
      const judged = await judge(windowOnTarget({ kind: 'deny', schedule: '0 0 30 2 *', duration: '1h' }));
      expect(judged.target.windows).toMatchObject({ automated: false, manual: false, changesAt: null });
      expect((judged.target.windows as { message: string }).message).toBe(
        'a deny sync window (0 0 30 2 *, 1h) is active',
      );
      return judged;
    },
  },
  {
    name: 'schedule with 5,000 comma-separated minutes and 1,000 windows',
    outcome: 'judged within the time limit',
    run: async () => {
      const minutes = Array.from({ length: 5_000 }, (_, i) => i % 60).join(',');
      const windows = Array.from({ length: 1_000 }, (_, i) => ({
        kind: 'allow',
        schedule: i === 0 ? `${minutes} 3 * * *` : `${i % 60} ${i % 24} * * *`,
        duration: '1m',
        applications: ['target'],
      }));
      const started = performance.now();
      const judged = await judge({ ...open, syncWindows: windows });
      // window 60 is `0 12 * * *`, open for the minute the judge looks at
      expect(judged.target.windows).toMatchObject({ automated: true, manual: true });
      expect(performance.now() - started).toBeLessThan(15_000);
      return { windows: (judged.target.windows as { message: string }).message };
    },
  },
  refusedSource(
    'sourceRepos ["https://*"] (a * that would cross "/")',
    ['https://*'],
    repo,
    /it matches none of the project's sourceRepos \('https:\/\/\*'\)/,
  ),
  refusedSource(
    'sourceRepos ["!*"] against a URL without "/"',
    ['!*'],
    'localrepo',
    /it matches the deny rule '!\*'/,
  ),
  refusedSource(
    'sourceRepos with a 30,000-character **/**/… pattern',
    [`${'**/'.repeat(10_000)}x`],
    `https://git.example.test/${'a/'.repeat(100)}b`,
    /matches none of the project's sourceRepos/,
  ),
  refusedSource(
    'sourceRepos with *a*a*a…b (exponential for a backtracking matcher)',
    [`${'*a'.repeat(300)}b`],
    `https://git.example.test/${'a'.repeat(3_000)}`,
    /matches none/,
  ),
  refusedSource(
    'sourceRepos with an unclosed "[" and "{"',
    ['https://git.example.test/[team/*', 'https://git.example.test/{team/*'],
    repo,
    /matches none/,
  ),
  {
    name: 'sourceRepos ["!*"] against every ordinary URL',
    outcome: 'permitted, exactly as Argo CD reads it ("*" stops at "/", so nothing is denied)',
    run: async () => {
      const judged = await judge({ ...open, sourceRepos: ['!*'] });
      expect(judged.target.source).toEqual({ allowed: true });
      return judged;
    },
  },
  {
    name: 'empty project (spec: {})',
    outcome: 'loads; permits no source and no destination: its application is refused, with the reasons',
    run: async () => {
      const judged = await judge({});
      expect(judged.projectProblems).toEqual([]);
      expect((judged.target.source as { message: string }).message).toBe(
        `application repo ${repo} is not permitted in project 'team': the project lists no sourceRepos`,
      );
      const project: AppProject = {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'AppProject',
        metadata: { name: 'team' },
        spec: {},
      };
      const write = authorizeWrite(project, { cluster: 'dev', namespace: 'shop', obj: deployment });
      expect(write).toEqual({
        allowed: false,
        message: 'project team does not allow deploying to dev/shop (apps/Deployment shop/web)',
      });
      return { judged, write };
    },
  },
  {
    name: 'destinations with regular-expression characters (prod.*, (a|b), ^shop$)',
    outcome: 'read as globs, never as regular expressions: only a literal match is allowed',
    run: async () => {
      const project: AppProject = {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'AppProject',
        metadata: { name: 'team' },
        spec: {
          destinations: [
            { name: 'prod.*', namespace: '(a|b)' },
            { name: '^dev$', namespace: 'shop+' },
          ],
        },
      };
      const allowed = (cluster: string, namespace: string) =>
        authorizeWrite(project, {
          cluster,
          namespace,
          obj: { ...deployment, metadata: { name: 'web', namespace } },
        }).allowed;
      const verdicts = {
        literalParens: allowed('prod.eu', '(a|b)'),
        regexAlternative: allowed('prod.eu', 'a'),
        regexDot: allowed('prodXeu', '(a|b)'),
        anchoredLiteral: allowed('^dev$', 'shop+'),
        regexAnchors: allowed('dev', 'shop'),
      };
      expect(verdicts).toEqual({
        literalParens: true,
        regexAlternative: false,
        regexDot: false,
        anchoredLiteral: true,
        regexAnchors: false,
      });
      return verdicts;
    },
  },
]);
