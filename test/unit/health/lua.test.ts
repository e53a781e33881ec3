// Custom health checks in Lua: Argo CD's resource_customizations layout, settings keys with
// wildcards, the sandbox, bounded run time, and numbers printed as Argo CD's Lua prints them.
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  healthCustomizationsFromSettings,
  healthLookup,
  healthOf,
  healthOfEach,
  loadHealthCustomizations,
  type HealthCustomizations,
  type KubeObject,
} from '../../../engine/health/index.ts';
import { formatLuaNumber } from '../../../engine/health/lua/fengari.ts';
import { CUSTOMIZATIONS_DIR, fixture, fixtureDocuments } from './fixtures.ts';

const objects = fixtureDocuments('custom-objects.yaml');
function object(kind: string, name?: string): KubeObject {
  const found = objects.find((o) => o.kind === kind && (name === undefined || o.metadata?.name === name));
  if (!found) throw new Error(`no ${kind} in custom-objects.yaml`);
  return found;
}

function thing(kind: string, extra: Partial<KubeObject> = {}): KubeObject {
  return { apiVersion: 'example.org/v1', kind, metadata: { name: 'x' }, ...extra };
}

describe('a resource_customizations directory', () => {
  let custom: HealthCustomizations;
  beforeAll(async () => {
    custom = await loadHealthCustomizations(CUSTOMIZATIONS_DIR, { timeoutMs: 200 });
  });

  it('runs the script of the exact group/kind folder', async () => {
    expect(await healthOf(object('Certificate'), custom)).toEqual({
      status: 'Healthy',
      message: 'Certificate is up to date and has not expired',
    });
  });

  it('runs a wildcard folder (`_.crossplane.io/_`) for every matching group and kind', async () => {
    expect(await healthOf(object('RDSInstance'), custom)).toEqual({
      status: 'Healthy',
      message: 'RDSInstance is up-to-date (2 conditions)',
    });
    expect(await healthOf(object('Bucket'), custom)).toEqual({
      status: 'Degraded',
      message: 'create failed: BucketAlreadyExists',
    });
  });

  it('finds core-group kinds in a top-level `<kind>` folder', async () => {
    expect((await healthOf(object('ConfigMap'), custom))?.status).toBe('Healthy');
  });

  it('prints numbers from JSON as Argo CD prints them: 3, not 3.0', async () => {
    expect((await healthOf(object('ConfigMap'), custom))?.message).toBe(
      'replicas=3 half=1.5 double=6 parsed=12 ratio=0.25 keys=4 upper=PRODUCTION',
    );
  });

  it('prefers an exact folder to a wildcard folder beside it', async () => {
    expect(await healthOf(object('Widget'), custom)).toEqual({ status: 'Healthy', message: 'a widget' });
    expect(await healthOf(object('Gadget'), custom)).toEqual({
      status: 'Suspended',
      message: 'any example.com kind: Gadget',
    });
  });

  it('leaves kinds without a script to the built-in checks', async () => {
    expect(await healthOf(object('Deployment'), custom)).toEqual({ status: 'Healthy' });
  });

  it('reports a syntax error as a problem at load, and the object as Unknown', async () => {
    expect(custom.problems).toEqual([
      {
        source: 'broken.example.com/Syntax/health.lua',
        message: expect.stringMatching(/^broken\.example\.com\/Syntax\/health\.lua:3: .*'}' expected/),
      },
    ]);
    const result = await healthOf(object('Syntax'), custom);
    expect(result?.status).toBe('Unknown');
    expect(result?.message).toMatch(/'}' expected/);
  });

  it('makes a runtime error Unknown with the error text', async () => {
    expect(await healthOf(object('Runtime'), custom)).toEqual({
      status: 'Unknown',
      message: "broken.example.com/Runtime/health.lua:3: attempt to index a nil value (field 'status')",
    });
  });

  it('makes a result that is not a table Unknown', async () => {
    expect(await healthOf(object('NotATable'), custom)).toEqual({
      status: 'Unknown',
      message: 'expect table output from Lua script, not string',
    });
  });

  it('makes a status that is not a health status Unknown', async () => {
    expect(await healthOf(object('BadStatus'), custom)).toEqual({
      status: 'Unknown',
      message: 'Lua returned an invalid health status',
    });
  });

  it('stops an endless loop at the time limit: Unknown, and the engine goes on', async () => {
    const started = Date.now();
    const result = await healthOf(thing('Loop', { apiVersion: 'broken.example.com/v1' }), custom);
    expect(result).toEqual({
      status: 'Unknown',
      message: 'broken.example.com/Loop/health.lua: health script ran longer than 200 ms',
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await healthOf(object('Certificate'), custom))?.status).toBe('Healthy');
  });

  it('gives a script one second by default, as Argo CD does', async () => {
    expect((await loadHealthCustomizations(CUSTOMIZATIONS_DIR)).timeoutMs).toBe(1000);
  });

  it('still says Pending deletion for an object being deleted', async () => {
    const deleting = { ...object('Certificate') };
    deleting.metadata = { ...deleting.metadata, deletionTimestamp: '2024-05-01T10:00:00Z' };
    expect(await healthOf(deleting, custom)).toEqual({ status: 'Progressing', message: 'Pending deletion' });
  });

  it('rejects a directory that cannot be read, naming it', async () => {
    await expect(loadHealthCustomizations(join(CUSTOMIZATIONS_DIR, 'nope'))).rejects.toThrow(
      /^read health customizations .*nope: ENOENT/,
    );
  });
});

describe('scripts from settings', () => {
  const healthy = 'return { status = "Healthy", message = "from settings" }';

  it('take precedence over a built-in check', async () => {
    const custom = healthCustomizationsFromSettings({ 'apps/Deployment': healthy });
    expect(await healthOf(fixture('deployment/progress-deadline.yaml'), custom)).toEqual({
      status: 'Healthy',
      message: 'from settings',
    });
  });

  it('are keyed by kind alone for the core group', async () => {
    const custom = healthCustomizationsFromSettings({ Service: healthy });
    expect((await healthOf(fixture('service/load-balancer-pending.yaml'), custom))?.message).toBe(
      'from settings',
    );
  });

  it('match `*` wildcards in group and kind, exact keys first', async () => {
    const custom = healthCustomizationsFromSettings({
      '*.aws.crossplane.io/*': 'return { status = "Degraded", message = obj.kind }',
      'ec2.aws.crossplane.io/VPC': healthy,
    });
    expect(await healthOf(thing('Subnet', { apiVersion: 'ec2.aws.crossplane.io/v1beta1' }), custom)).toEqual({
      status: 'Degraded',
      message: 'Subnet',
    });
    expect(
      (await healthOf(thing('VPC', { apiVersion: 'ec2.aws.crossplane.io/v1beta1' }), custom))?.message,
    ).toBe('from settings');
    expect(await healthOf(thing('Bucket', { apiVersion: 's3.gcp.crossplane.io/v1' }), custom)).toBeNull();
  });

  it('win over a customizations directory', async () => {
    const custom = await loadHealthCustomizations(CUSTOMIZATIONS_DIR, {
      settings: { 'cert-manager.io/Certificate': healthy },
    });
    expect((await healthOf(object('Certificate'), custom))?.message).toBe('from settings');
  });

  it('have only the base, table and os libraries unless useOpenLibs, as in Argo CD', async () => {
    const script = 'return { status = "Healthy", message = string.upper(obj.kind) }';
    const closed = healthCustomizationsFromSettings({ 'example.org/Thing': script });
    expect(await healthOf(thing('Thing'), closed)).toEqual({
      status: 'Unknown',
      message: "settings example.org/Thing:1: attempt to index a nil value (global 'string')",
    });
    const open = healthCustomizationsFromSettings({ 'example.org/Thing': { script, useOpenLibs: true } });
    expect(await healthOf(thing('Thing'), open)).toEqual({ status: 'Healthy', message: 'THING' });
  });

  it('report a syntax error as a problem', async () => {
    const custom = healthCustomizationsFromSettings({ 'example.org/Thing': 'return {' });
    expect(custom.problems).toEqual([
      { source: 'example.org/Thing', message: 'settings example.org/Thing:1: unexpected symbol near <eof>' },
    ]);
    expect((await healthOf(thing('Thing'), custom))?.status).toBe('Unknown');
  });
});

describe('the Lua sandbox', () => {
  async function run(script: string, obj: KubeObject = thing('Thing')) {
    return await healthOf(
      obj,
      healthCustomizationsFromSettings(
        { 'example.org/*': { script, useOpenLibs: true } },
        { timeoutMs: 200 },
      ),
    );
  }

  it('has no files, no process and no code loading', async () => {
    expect(
      await run(`return { status = "Healthy", message = tostring(io) .. tostring(dofile) .. tostring(loadfile)
        .. tostring(load) .. tostring(loadstring) .. tostring(debug) .. tostring(os.execute) .. tostring(os.exit) }`),
    ).toEqual({ status: 'Healthy', message: 'nilnilnilnilnilnilnilnil' });
  });

  it('has the Lua 5.1 names scripts written for Argo CD use', async () => {
    const script = `local os = require("os")
      local t = { 10, 20, 30 }
      local a, b = unpack(t)
      return { status = "Healthy", message = table.getn(t) .. " " .. a .. " " .. b .. " " .. math.pow(2, 10)
        .. " " .. tostring(os.time({ year = 2024, month = 1, day = 1, hour = 0 }) > 0) }`;
    expect(await run(script)).toEqual({ status: 'Healthy', message: '3 10 20 1024 true' });
  });

  it('treats JSON null as nil and keeps arrays 1-based', async () => {
    const obj = thing('Thing', { spec: { gone: null, list: ['a', 'b'] } });
    expect(
      await run(
        'return { status = "Healthy", message = tostring(obj.spec.gone) .. obj.spec.list[1] .. #obj.spec.list }',
        obj,
      ),
    ).toEqual({
      status: 'Healthy',
      message: 'nila2',
    });
  });

  it('bounds coroutines too', async () => {
    expect((await run('coroutine.wrap(function() while true do end end)() return {}'))?.message).toMatch(
      /health script ran longer than 200 ms$/,
    );
  });

  it('calls an xpcall message handler with the error, and passes results through', async () => {
    const script = `local ok, handled = xpcall(function() error("boom", 0) end, function(e) return "handled " .. e end)
      local _, a, b = xpcall(function(x) return x, 2 end, print, 1)
      return { status = "Healthy", message = tostring(ok) .. " " .. handled .. " " .. a .. b }`;
    expect(await run(script)).toEqual({ status: 'Healthy', message: 'false handled boom 12' });
  });

  it('refuses a string too large to build', async () => {
    expect((await run('return { status = "Healthy", message = string.rep("x", 1e9) }'))?.message).toMatch(
      /string\.rep: result larger than 16777216 bytes$/,
    );
  });

  it('gives each run a fresh state', async () => {
    const script = 'counter = (counter or 0) + 1 return { status = "Healthy", message = tostring(counter) }';
    const custom = healthCustomizationsFromSettings({ 'example.org/Thing': script });
    expect((await healthOf(thing('Thing'), custom))?.message).toBe('1');
    expect((await healthOf(thing('Thing'), custom))?.message).toBe('1');
  });

  it('omits an empty message and reports a script with no return value', async () => {
    expect(await run('return { status = "Progressing", message = "" }')).toEqual({ status: 'Progressing' });
    expect(await run('local x = 1')).toEqual({
      status: 'Unknown',
      message: 'expect table output from Lua script, not nil',
    });
  });
});

describe('number printing (gopher-lua LNumber.String)', () => {
  it.each([
    [3, '3'],
    [-0, '0'],
    [1.5, '1.5'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1e15, '1000000000000000'],
    [123456.5, '123456.5'],
    [1234567.5, '1.2345675e+06'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1e300, '1e+300'],
    [Infinity, '+Inf'],
    [NaN, 'NaN'],
  ])('%d prints as %s', (n, text) => {
    expect(formatLuaNumber(n)).toBe(text);
  });
});

describe('judging many objects at once', () => {
  const custom = healthCustomizationsFromSettings({
    'example.org/*': 'return { status = "Suspended", message = obj.metadata.name }',
  });
  const deleting = thing('Thing', { metadata: { name: 'd', deletionTimestamp: '2024-05-01T10:00:00Z' } });
  const objects = [
    thing('Thing', { metadata: { name: 'a' } }),
    fixture('deployment/progress-deadline.yaml'),
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } },
    deleting,
    thing('Thing', { metadata: { name: 'e' } }),
  ];
  const expected = [
    { status: 'Suspended', message: 'a' },
    { status: 'Degraded', message: 'Deployment "web" exceeded its progress deadline' },
    null,
    { status: 'Progressing', message: 'Pending deletion' },
    { status: 'Suspended', message: 'e' },
  ];

  it('keeps their order across Lua checks, built-in checks, kinds without a check and deletions', async () => {
    expect(await healthOfEach(objects, custom)).toEqual(expected);
  });

  it('answers for each object afterwards, once per object however often it is given', async () => {
    const judge = await healthLookup([...objects, objects[0]!], custom);
    expect(objects.map(judge)).toEqual(expected);
    expect(judge(thing('Thing', { metadata: { name: 'never given' } }))).toBeNull();
  });
});

describe('directory layout', () => {
  it('reads `_` folders as wildcards and skips folders without health.lua', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plumbline-health-'));
    try {
      await mkdir(join(dir, 'monitoring.coreos.com', '_'), { recursive: true });
      await mkdir(join(dir, 'monitoring.coreos.com', 'Alertmanager', 'actions'), { recursive: true });
      await writeFile(join(dir, 'monitoring.coreos.com', '_', 'health.lua'), 'return { status = "Healthy" }');
      const custom = await loadHealthCustomizations(dir);
      expect(custom.problems).toEqual([]);
      const obj = thing('Alertmanager', { apiVersion: 'monitoring.coreos.com/v1' });
      expect(await healthOf(obj, custom)).toEqual({ status: 'Healthy' });
      expect(await healthOf(thing('Alertmanager', { apiVersion: 'other.coreos.com/v1' }), custom)).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
