import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lazyHealthCustomizations } from '../../../engine/controller/healthCustomizations.ts';
import { healthOf } from '../../../engine/health/index.ts';
import { SettingsFile } from '../../../engine/store/settings.ts';
import { tempDir } from '../../support/tempDir.ts';

const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'flags' }, data: { ready: 'no' } };
const script = (verdict: string) => `return { status = "${verdict}", message = obj.metadata.name }`;

describe('the user’s Lua health checks', () => {
  it('come from per-kind scripts in the settings', async () => {
    const dir = tempDir();
    const settings = new SettingsFile(dir);
    await settings.update({ resourceHealthChecks: { ConfigMap: script('Degraded') } });
    const customizations = await lazyHealthCustomizations({}, settings)();
    expect(await healthOf(configMap, customizations)).toEqual({ status: 'Degraded', message: 'flags' });
  });

  it('come from a resource_customizations folder named by PLUMBLINE_HEALTH_CUSTOMIZATIONS', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'checks', 'ConfigMap'), { recursive: true });
    writeFileSync(join(dir, 'checks', 'ConfigMap', 'health.lua'), script('Suspended'));
    const customizations = await lazyHealthCustomizations(
      { PLUMBLINE_HEALTH_CUSTOMIZATIONS: join(dir, 'checks') },
      new SettingsFile(dir),
    )();
    expect(await healthOf(configMap, customizations)).toEqual({ status: 'Suspended', message: 'flags' });
  });

  it('leave the built-in checks alone when there are none', async () => {
    expect(await lazyHealthCustomizations({}, new SettingsFile(tempDir()))()).toBeUndefined();
  });

  it('say why they are not in use when their folder cannot be read, and fall back to the built-in checks', async () => {
    const dir = tempDir();
    const missing = join(dir, 'no-such-folder');
    const loader = lazyHealthCustomizations(
      { PLUMBLINE_HEALTH_CUSTOMIZATIONS: missing },
      new SettingsFile(dir),
    );
    expect(loader.problem()).toBeNull();
    expect(await loader()).toBeUndefined();
    expect(loader.problem()).toMatch(
      new RegExp(
        `^the health customizations in ${missing} could not be loaded, so the built-in health checks are used: `,
      ),
    );
  });
});
