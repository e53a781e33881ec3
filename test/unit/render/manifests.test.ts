// Manifest streams: documents, lists and the line of a failure.
import { describe, expect, it } from 'vitest';
import {
  ManifestError,
  parseJsonDocument,
  parseToolOutput,
  parseYamlStream,
} from '../../../engine/render/manifests.ts';

describe('manifest parsing', () => {
  it('splits documents, skips empty ones and flattens *List kinds', () => {
    const objects = parseYamlStream(
      [
        '---',
        'apiVersion: v1',
        'kind: ConfigMapList',
        'items:',
        '  - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}',
        '  - {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}',
        '---',
        '# only a comment',
        '---',
        'apiVersion: v1',
        'kind: List',
        'items: null',
        '---',
        'apiVersion: example.com/v1',
        'kind: WidgetList',
        'spec: {items: 3}',
      ].join('\n'),
    );
    expect(objects.map((o) => `${o.kind}/${o.metadata.name ?? ''}`)).toEqual([
      'ConfigMap/a',
      'ConfigMap/b',
      'WidgetList/',
    ]);
  });

  it('reports the line of a YAML error and of an object without apiVersion', () => {
    const syntax = (() => {
      try {
        parseYamlStream('apiVersion: v1\nkind: A\nmetadata:\n  name: x\n  bad: [\n');
      } catch (error) {
        return error as ManifestError;
      }
    })();
    expect(syntax).toBeInstanceOf(ManifestError);
    expect(syntax?.line).toBeGreaterThanOrEqual(5);
    expect(() => parseYamlStream('apiVersion: v1\nkind: A\n---\n\nkind: B\n')).toThrow(
      /apiVersion' is missing/,
    );
    try {
      parseYamlStream('apiVersion: v1\nkind: A\n---\n\nkind: B\n');
    } catch (error) {
      expect((error as ManifestError).line).toBe(5);
    }
  });

  it('reads one JSON object and reports the line of a JSON error', () => {
    expect(parseJsonDocument('{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"}}')[0]?.kind).toBe(
      'Pod',
    );
    try {
      parseJsonDocument('{\n "apiVersion": "v1",\n "kind": }\n');
      expect.unreachable();
    } catch (error) {
      expect((error as ManifestError).line).toBe(3);
    }
  });
});

describe('duplicate mapping keys in tool output', () => {
  it("takes the last value and hands the loader's warning to the caller", () => {
    const warnings: string[] = [];
    const objects = parseToolOutput(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n',
      'render helm chart web',
      'helm',
      'helm',
      undefined,
      warnings,
    );
    expect(objects.map((o) => o.metadata.name)).toEqual(['b']);
    expect(warnings).toEqual([
      'render helm chart web: helm output: document 1: mapping key "name" is given more than once (lines 4 and 5); the last value is used, as Argo CD does',
    ]);
  });
});

describe('JSON error lines', () => {
  it.each([
    ['{\n "a": 1,\n "b": }\n', 3],
    ['{\n "a": 1,\n}\n', 3],
    ['{\n "a": 1\n', 3],
  ])('finds the line of %j', (text, line) => {
    expect(() => parseJsonDocument(text)).toThrow(ManifestError);
    try {
      parseJsonDocument(text);
    } catch (error) {
      expect((error as ManifestError).line).toBe(line);
    }
  });
});
