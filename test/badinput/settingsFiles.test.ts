// Hostile and broken settings files and data folders: wrong types, huge numbers, prototype keys,
// a FIFO or a huge file in place of config.json, a data folder under /proc. Each gives a clear
// refusal naming the file and field, at once; YAML limits set in settings apply to the workspace.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { resolveDataDir } from '../../engine/store/dataDir.ts';
import { SettingsFile } from '../../engine/store/settings.ts';
import { loadWorkspace } from '../../engine/workspace/load.ts';
import { DEFAULT_YAML_LIMITS, setActiveYamlLimits } from '../../engine/yaml/index.ts';
import { appYaml, makeWorkspace } from '../integration/workspace/fixtures.ts';
import { tempDir } from '../support/tempDir.js';
import { badInputCases } from './corpus.ts';

const root = tempDir('plumbline-settings-');
let count = 0;

// A settings file read by a case sets the process's YAML limits; the next case starts from the defaults.
afterEach(() => setActiveYamlLimits(DEFAULT_YAML_LIMITS));

/** A data folder whose config.json holds `content` (written as is when a string). */
function dataDir(content?: unknown): string {
  const dir = join(root, `data-${++count}`);
  mkdirSync(dir, { recursive: true });
  if (content !== undefined)
    writeFileSync(join(dir, 'config.json'), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

async function readError(dir: string): Promise<string> {
  try {
    await new SettingsFile(dir).read();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the settings to be refused');
}

badInputCases('settings files', [
  {
    name: 'a number where a string is expected (workspace: 42)',
    outcome: 'refused naming the file and the field',
    run: async () => {
      const message = await readError(dataDir({ workspace: 42 }));
      expect(message).toMatch(/config\.json: workspace: .*string/);
      return message;
    },
  },
  {
    name: 'a string where a number is expected (reconciliation.periodSeconds: "fast")',
    outcome: 'refused naming reconciliation.periodSeconds',
    run: async () => {
      const message = await readError(dataDir({ reconciliation: { periodSeconds: 'fast' } }));
      expect(message).toMatch(/reconciliation\.periodSeconds: /);
      return message;
    },
  },
  {
    name: 'a huge number for a YAML limit (limits.yamlFileBytes: 1e300)',
    outcome: 'refused naming limits.yamlFileBytes; the limits stay the defaults',
    run: async () => {
      const message = await readError(dataDir({ limits: { yamlFileBytes: 1e300 } }));
      expect(message).toMatch(/limits\.yamlFileBytes: /);
      return message;
    },
  },
  {
    name: 'a nesting limit past what the walkers can take (limits.yamlDepth: 100000)',
    outcome: 'refused naming limits.yamlDepth',
    run: async () => {
      const message = await readError(dataDir({ limits: { yamlDepth: 100_000 } }));
      expect(message).toMatch(/limits\.yamlDepth: /);
      return message;
    },
  },
  {
    name: 'negative and fractional limits',
    outcome: 'refused naming the field',
    run: async () => {
      const negative = await readError(dataDir({ limits: { yamlDocuments: -1 } }));
      const fraction = await readError(dataDir({ limits: { yamlAliases: 2.5 } }));
      expect(negative).toMatch(/limits\.yamlDocuments: /);
      expect(fraction).toMatch(/limits\.yamlAliases: /);
      return [negative, fraction];
    },
  },
  {
    name: '__proto__ keys at the top and inside tools',
    outcome: 'read as plain data: no prototype changes, no tool path set',
    run: async () => {
      const text = '{"__proto__": {"polluted": true}, "tools": {"__proto__": {"helm": "/tmp/evil"}}}';
      const settings = await new SettingsFile(dataDir(text)).read();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(settings.tools?.helm).toBeUndefined();
      return settings;
    },
  },
  {
    name: 'constructor.prototype keys',
    outcome: 'kept as data only: Object.prototype unchanged',
    run: async () => {
      const settings = await new SettingsFile(
        dataDir({ constructor: { prototype: { polluted: true } } }),
      ).read();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.getPrototypeOf(settings)).toBe(Object.prototype);
      return settings;
    },
  },
  {
    name: 'config.json is a FIFO',
    outcome: 'refused at once: "is a FIFO"',
    timeoutMs: 10_000,
    run: async () => {
      const dir = dataDir();
      execFileSync('mkfifo', [join(dir, 'config.json')]);
      const message = await readError(dir);
      expect(message).toMatch(/settings .*config\.json is a FIFO/);
      return message;
    },
  },
  {
    name: 'config.json is a folder',
    outcome: 'refused: "is a folder"',
    run: async () => {
      const dir = dataDir();
      mkdirSync(join(dir, 'config.json'));
      const message = await readError(dir);
      expect(message).toMatch(/is a folder/);
      return message;
    },
  },
  {
    name: 'a 20 MB config.json',
    outcome: 'refused on size before it is read',
    run: async () => {
      const message = await readError(dataDir(`{"pad": "${'x'.repeat(20 * 1024 * 1024)}"}`));
      expect(message).toMatch(/is 20(\.\d)? MiB, over the limit of 8 MiB/);
      return message;
    },
  },
  {
    name: 'config.json that is not JSON',
    outcome: 'refused: not valid JSON, naming the file',
    run: async () => {
      const message = await readError(dataDir('{"workspace": '));
      expect(message).toMatch(/config\.json: not valid JSON/);
      return message;
    },
  },
  {
    name: 'limits.yamlFileBytes: 1000 in settings, a 2 KB workspace file',
    outcome: 'the file gets a LimitError naming the setting; the small application still loads',
    run: async () => {
      await new SettingsFile(dataDir({ limits: { yamlFileBytes: 1000 } })).read();
      const ws = await loadWorkspace(
        await makeWorkspace({
          'small.yaml': appYaml('small'),
          'padded.yaml': `${appYaml('padded')}#${'x'.repeat(2000)}\n`,
        }),
      );
      expect(ws.applications.map((a) => a.name)).toEqual(['small']);
      expect(ws.problems).toContainEqual(
        expect.objectContaining({
          type: 'LimitError',
          file: 'padded.yaml',
          message: expect.stringMatching(/limits\.yamlFileBytes/),
        }),
      );
      return ws.problems;
    },
  },
  {
    name: 'limits.yamlDepth: 5 in settings',
    outcome: 'an Application nested 6 deep gets a LimitError; a flat file still loads',
    run: async () => {
      await new SettingsFile(dataDir({ limits: { yamlDepth: 5 } })).read();
      const deep = `${appYaml('deep')}  info:\n    - name: a\n      value: {b: {c: {d: 1}}}\n`;
      const ws = await loadWorkspace(await makeWorkspace({ 'deep.yaml': deep, 'flat.yaml': 'a: 1\n' }));
      expect(ws.problems).toContainEqual(expect.objectContaining({ type: 'LimitError', file: 'deep.yaml' }));
      return ws.problems;
    },
  },
  {
    name: 'PLUMBLINE_DATA_DIR=/proc/self',
    outcome: 'refused at once: a kernel pseudo file system (creating folders there loops forever)',
    run: async () => {
      let message = '';
      try {
        resolveDataDir({ PLUMBLINE_DATA_DIR: '/proc/self/plumbline' }, '/home/nobody');
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/kernel pseudo file system .*choose a folder on disk/);
      return message;
    },
  },
  {
    name: 'PLUMBLINE_DATA_DIR under /sys and /dev',
    outcome: 'refused the same way',
    run: async () => {
      const messages = ['/sys/kernel/plumbline', '/dev/shm/../plumbline'].map((dir) => {
        try {
          resolveDataDir({ PLUMBLINE_DATA_DIR: dir }, '/home/nobody');
          return 'accepted';
        } catch (error) {
          return (error as Error).message;
        }
      });
      expect(messages[0]).toMatch(/kernel pseudo file system/);
      expect(messages[1]).toMatch(/kernel pseudo file system/);
      return messages;
    },
  },
]);
