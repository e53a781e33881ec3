// Argo CD's catalogue of resource actions, run unchanged through Plumbline's Lua actions: every
// action_test.yaml of its resource_customizations (discovery tests and action tests with their
// inputs, parameters, expected objects and expected errors), judged as Argo CD's own test
// (util/lua/custom_actions_test.go) judges them: each action Plumbline discovers is among the
// expected ones, and each changed or created object matches the expected one after the same
// normalisation (times the scripts stamp, fields the API server would own).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { actionScript } from '../../../engine/actions/actionScripts.ts';
import { impactedResources } from '../../../engine/actions/luaValue.ts';
import { listActions } from '../../../engine/actions/resourceActions.ts';
import { objectKey, type KubeObject } from '../../../engine/diff/index.ts';
import { runValueScript, stopHealthScripts } from '../../../engine/health/lua/runner.ts';
import { argoCdCatalogue } from '../../support/argoCdCatalogue.ts';
import { normalizeActionOutput } from './actionOutput.ts';

interface DiscoveryTest {
  inputPath: string;
  result?: Array<{
    name: string;
    disabled?: boolean;
    iconClass?: string;
    displayName?: string;
    params?: Array<{ name: string }>;
  }>;
}
interface ActionTest {
  action: string;
  inputPath: string;
  expectedOutputPath?: string;
  expectedErrorMessage?: string;
  parameters?: Record<string, string>;
}

const root = argoCdCatalogue();
afterAll(() => stopHealthScripts());

function actionTestFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return actionTestFiles(path);
    return entry === 'action_test.yaml' ? [path] : [];
  });
}

const load = (path: string): unknown => parse(readFileSync(path, 'utf8'));
/** An expected output: one object, or a list of `{k8sOperation, unstructuredObj}` (new-style actions). */
const objects = (path: string): KubeObject[] => {
  const loaded = load(path);
  if (!Array.isArray(loaded)) return [loaded as KubeObject];
  return loaded.map((item: { unstructuredObj?: KubeObject }) => item.unstructuredObj ?? (item as KubeObject));
};

/** Whether `actual` holds everything `expected` says (gitops-engine's diff of config vs live). */
function holds(expected: unknown, actual: unknown): boolean {
  if (Array.isArray(expected))
    return (
      Array.isArray(actual) &&
      expected.length === actual.length &&
      expected.every((item, i) => holds(item, actual[i]))
    );
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object') return false;
    return Object.entries(expected).every(([key, value]) =>
      value === null ? true : holds(value, (actual as Record<string, unknown>)[key]),
    );
  }
  return expected === actual;
}

/** A Job made from a CronJob, or a Workflow from a template: named after its source, with a suffix. */
function derivedName(source: KubeObject, made: KubeObject): boolean {
  return (
    (made.kind === 'Job' && source.kind === 'CronJob') ||
    (made.kind === 'Workflow' && ['CronWorkflow', 'WorkflowTemplate'].includes(source.kind ?? ''))
  );
}

const files = actionTestFiles(root);

describe("Argo CD's action catalogue", () => {
  it('is there, with its tests', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  describe.each(files.map((file) => [relative(root, dirname(dirname(file))), file]))('%s', (_kind, file) => {
    const dir = dirname(file);
    const spec = load(file) as { discoveryTests?: DiscoveryTest[]; actionTests?: ActionTest[] };

    it.each((spec.discoveryTests ?? []).map((test) => [test.inputPath, test]))(
      'discovers the actions of %s',
      async (_input, test) => {
        const obj = load(join(dir, test.inputPath)) as KubeObject;
        const found = (await listActions({ dir: root, obj })).filter((action) => action.source === 'lua');
        const expected = test.result ?? [];
        for (const action of found) {
          const match = expected.find((candidate) => candidate.name === action.name);
          expect(match, `${action.name} is not among Argo CD's expected actions`).toBeDefined();
          expect(action.disabled).toBe(match?.disabled ?? false);
          expect(action.iconClass ?? '').toBe(match?.iconClass ?? '');
          expect(action.displayName ?? '').toBe(match?.displayName ?? '');
          expect(action.params.map((param) => param.name)).toEqual(
            (match?.params ?? []).map((param) => param.name),
          );
        }
      },
    );

    it.each((spec.actionTests ?? []).map((test) => [`${test.action} on ${test.inputPath}`, test]))(
      'runs %s',
      async (_name, test) => {
        const source = load(join(dir, test.inputPath)) as KubeObject;
        const { group, kind } = objectKey(source);
        const script = await actionScript(root, group, kind, test.action);
        if (!script || 'error' in script)
          throw new Error(`no script for ${test.action}: ${JSON.stringify(script)}`);
        const ran = await runValueScript({
          script: script.script,
          obj: source,
          timeoutMs: 5_000,
          params: test.parameters ?? {},
          label: 'action script',
        });
        if (test.expectedErrorMessage) {
          expect('error' in ran ? ran.error : 'no error').toContain(test.expectedErrorMessage);
          return;
        }
        if ('error' in ran) throw new Error(ran.error);
        const expected = objects(join(dir, test.expectedOutputPath!));
        for (const { resource } of impactedResources(ran.value, source, test.action)) {
          const derived = derivedName(source, resource);
          const match = expected.find(
            (candidate) =>
              candidate.kind === resource.kind &&
              candidate.apiVersion === resource.apiVersion &&
              (candidate.metadata?.namespace ?? '') === (resource.metadata?.namespace ?? '') &&
              (derived
                ? String(candidate.metadata?.name ?? '').startsWith(String(source.metadata?.name))
                : candidate.metadata?.name === resource.metadata?.name),
          );
          expect(
            match,
            `${resource.kind} ${String(resource.metadata?.name)} is not an expected output`,
          ).toBeDefined();
          const want = normalizeActionOutput(match!);
          const got = normalizeActionOutput(resource, derived ? String(match!.metadata?.name) : undefined);
          expect(holds(want, got), `${JSON.stringify(got)}\nholds\n${JSON.stringify(want)}`).toBe(true);
        }
      },
    );
  });
});
