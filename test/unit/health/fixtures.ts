// Reads the health fixtures: one Kubernetes object per YAML file under test/fixtures/health.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../../engine/health/index.ts';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/health');
export const CUSTOMIZATIONS_DIR = join(FIXTURES, 'resource_customizations');

export function fixture(path: string): KubeObject {
  return parse(readFileSync(join(FIXTURES, path), 'utf8')) as KubeObject;
}

export function fixtureDocuments(path: string): KubeObject[] {
  return parseAllDocuments(readFileSync(join(FIXTURES, path), 'utf8')).map((d) => d.toJS() as KubeObject);
}
