// Argo CD's catalogue of health checks, run unchanged through Plumbline's Lua health checks: every
// health.lua of its resource_customizations with its health_test.yaml (an input object and the
// status and message Argo CD expects), judged as Argo CD's own test (util/lua/health_test.go)
// judges them: the script run on the object, the same status and the same message. (Argo CD's
// controller, like Plumbline's, says "Pending deletion" for an object being deleted before any
// script runs; its catalogue test, like this one, runs the script alone.)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadHealthCustomizations,
  type HealthCustomizations,
  type KubeObject,
} from '../../../engine/health/index.ts';
import { runHealthScripts, stopHealthScripts } from '../../../engine/health/lua/runner.ts';
import { objectKey } from '../../../engine/diff/index.ts';
import { argoCdCatalogue } from '../../support/argoCdCatalogue.ts';

interface HealthTest {
  inputPath: string;
  healthStatus: { status: string; message?: string };
}

/** Go's YAML decoding matches field names without regard to case (`inputpath` is `inputPath`). */
function asTest(raw: Record<string, unknown>): HealthTest {
  const field = (name: string) => Object.entries(raw).find(([key]) => key.toLowerCase() === name)?.[1];
  return {
    inputPath: String(field('inputpath')),
    healthStatus: field('healthstatus') as HealthTest['healthStatus'],
  };
}

/**
 * The object of a test input as Argo CD's Go YAML decoder reads it: the first document, a
 * repeated key's last value, a quoted line continued at its key's indentation.
 */
function firstDocument(text: string): unknown {
  const [first] = parseAllDocuments(text, { uniqueKeys: false, strict: false });
  return first?.toJS();
}

/**
 * Inputs the yaml package cannot read as Go does, whatever its options: here a single-quoted
 * scalar of several lines whose continuation sits at its key's indentation loses the keys after
 * it. The script's logic is covered by the folder's other inputs.
 */
const UNREADABLE_INPUTS = new Set(['db.atlasgo.io/AtlasSchema/testdata/healthy.yaml']);

const root = argoCdCatalogue();

function healthScripts(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return healthScripts(path);
    return entry === 'health.lua' ? [path] : [];
  });
}

const folders = healthScripts(root)
  .map((script) => dirname(script))
  .filter((folder) => existsSync(join(folder, 'health_test.yaml')));

let custom: HealthCustomizations;
beforeAll(async () => {
  custom = await loadHealthCustomizations(root, { timeoutMs: 5_000 });
});
afterAll(() => stopHealthScripts());

describe("Argo CD's health catalogue", () => {
  it('is there, with its tests', () => {
    expect(folders.length).toBeGreaterThan(150);
  });

  describe.each(folders.map((folder) => [relative(root, folder), folder]))('%s', (_kind, folder) => {
    const { tests } = parse(readFileSync(join(folder, 'health_test.yaml'), 'utf8')) as {
      tests: Array<Record<string, unknown>>;
    };
    const readable = tests
      .map(asTest)
      .filter((test) => !UNREADABLE_INPUTS.has(`${relative(root, folder)}/${test.inputPath}`));
    it.each(readable.map((test) => [test.inputPath, test]))('judges %s', async (_input, test) => {
      const obj = firstDocument(readFileSync(join(folder, test.inputPath), 'utf8')) as KubeObject;
      const { group, kind } = objectKey(obj);
      const script = custom.scriptFor(group, kind);
      if (!script || 'error' in script) throw new Error(`no health script for ${group}/${kind}`);
      const [health] = await runHealthScripts([{ script: script.script, obj, timeoutMs: custom.timeoutMs }]);
      expect({ status: health?.status, message: health?.message ?? '' }).toEqual({
        status: test.healthStatus.status,
        message: test.healthStatus.message ?? '',
      });
    });
  });
});
