import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../engine/api/engine.ts';
import type { ContractError } from '../../../engine/api/errors.ts';
import { inProcessClient } from '../../../engine/api/inProcessClient.ts';
import { tempDir } from '../../support/tempDir.ts';

const home = tempDir();
const engine = createEngine({ dataDir: home, env: { KUBECONFIG: `${home}/none` }, homeDir: home });
afterAll(() => engine.close());

async function refusal(name: unknown, input: unknown): Promise<ContractError> {
  try {
    await engine.dispatch(name, input);
  } catch (error) {
    return error as ContractError;
  }
  throw new Error('the call was accepted');
}

describe('the contract at the engine boundary', () => {
  it('answers a valid call through the in-process client', async () => {
    const version = await inProcessClient(engine).call('app.version');
    expect(version.name).toBe('Plumbline');
    expect(version.dataDir).toBe(home);
  });

  it('refuses an unknown call by name', async () => {
    const error = await refusal('cluster.delete-everything', {});
    expect(error.code).toBe('unknown-call');
    expect(error.message).toContain('cluster.delete-everything');
  });

  it('refuses a malformed payload with a clear message naming the field', async () => {
    const error = await refusal('clusters.list', { surprise: 1 });
    expect(error.code).toBe('invalid-input');
    expect(error.message).toMatch(/^clusters\.list: input: .*surprise/);
  });

  it('refuses a payload of the wrong type', async () => {
    const error = await refusal('apps.list', 'not an object');
    expect(error.code).toBe('invalid-input');
  });
});
