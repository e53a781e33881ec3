// Loads the fixtures: objects as rendered from git (`*.desired.yaml`) and as the API server
// returns them once applied (`*.live.yaml`), fresh for every test.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { KubeObject } from '../../../engine/diff/index.ts';

export type FixtureName = 'deployment' | 'service' | 'configmap' | 'secret';

export function fixture(name: FixtureName, side: 'desired' | 'live'): KubeObject {
  const text = readFileSync(new URL(`./fixtures/${name}.${side}.yaml`, import.meta.url), 'utf8');
  return parse(text) as KubeObject;
}

/** Both sides of a fixture, for tests that change one of them. */
export function pair(name: FixtureName): { desired: KubeObject; live: KubeObject } {
  return { desired: fixture(name, 'desired'), live: fixture(name, 'live') };
}

/** A nested field, for tests to adjust a fixture: `at(obj, 'spec', 'template', 'spec')`. */
export function at(obj: unknown, ...path: (string | number)[]): Record<string, unknown> {
  let current = obj;
  for (const step of path) current = (current as Record<string | number, unknown>)[step];
  return current as Record<string, unknown>;
}
