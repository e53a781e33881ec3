// Secret values never leave the engine: every value of data and stringData becomes a run of
// `+` (8 for a key's first distinct value, then 12, 16, ...), as Argo CD's HideSecretData does.
import { afterAll, describe, expect, it } from 'vitest';
import { compareObject, maskSecrets, stopJq, type KubeObject } from '../../../engine/diff/index.ts';
import { at, pair } from './fixtures.ts';

afterAll(stopJq);

const b64 = (text: string) => Buffer.from(text).toString('base64');

function secret(data: Record<string, string>, extra: Partial<KubeObject> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'shop' }, data, ...extra };
}

describe('maskSecrets', () => {
  it('the same value on both sides gets the same mask; a changed one another', () => {
    const { desired, live } = maskSecrets(
      secret({ same: b64('a'), changed: b64('old') }),
      secret({ same: b64('a'), changed: b64('new') }),
    );
    expect(desired?.data).toEqual({ same: '++++++++', changed: '++++++++' });
    expect(live?.data).toEqual({ same: '++++++++', changed: '++++++++++++' });
  });

  it('keys only one side has keep their place in the key set', () => {
    const { desired, live } = maskSecrets(secret({ added: b64('x') }), secret({ removed: b64('y') }));
    expect(desired?.data).toEqual({ added: '++++++++' });
    expect(live?.data).toEqual({ removed: '++++++++' });
  });

  it('stringData is folded into data first, so it equals the same value in base64', () => {
    const desired = secret({}, { stringData: { password: 'hunter2' } });
    const { desired: d, live: l } = maskSecrets(desired, secret({ password: b64('hunter2') }));
    expect(d).not.toHaveProperty('stringData');
    expect(d?.data).toEqual({ password: '++++++++' });
    expect(l?.data).toEqual({ password: '++++++++' });
  });

  it("the live object's last-applied-configuration is masked, as a third version", () => {
    const applied = JSON.stringify(secret({ password: b64('older') }));
    const live = secret(
      { password: b64('current') },
      {
        metadata: { name: 's', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': applied } },
      },
    );
    const { live: masked } = maskSecrets(secret({ password: b64('current') }), live);
    const lastApplied = JSON.parse(
      at(masked, 'metadata', 'annotations')['kubectl.kubernetes.io/last-applied-configuration'] as string,
    );
    expect(lastApplied.data).toEqual({ password: '++++++++++++' });
    expect(JSON.stringify(masked)).not.toContain(b64('older'));
  });

  it('an unreadable last-applied-configuration is replaced too', () => {
    const live = secret(
      {},
      {
        metadata: {
          name: 's',
          annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"k":"c2VjcmV0"' },
        },
      },
    );
    expect(JSON.stringify(maskSecrets(undefined, live).live)).not.toContain('c2VjcmV0');
  });

  it('leaves other kinds and the inputs alone', () => {
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } };
    const input = secret({ a: b64('x') });
    expect(maskSecrets(configMap, input).desired).toEqual(configMap);
    expect(input.data).toEqual({ a: b64('x') });
  });
});

describe('compareObject masks what it returns', () => {
  it('no value of the Secret appears anywhere in the result, yet a change is still shown', async () => {
    const { desired, live } = pair('secret');
    at(desired, 'stringData').username = 'new-user';
    const result = await compareObject(desired, live, { appName: 'shop' });
    expect(result.changedPaths).toEqual(['/data/username']);
    expect(result.normalizedDesired?.data).toEqual({ password: '++++++++', username: '++++++++' });
    expect(result.normalizedLive?.data).toEqual({ password: '++++++++', username: '++++++++++++' });
    const text = JSON.stringify(result);
    for (const value of ['new-user', 'shop-user', b64('new-user'), b64('shop-user'), 'czNjcjN0LXBhc3N3b3Jk'])
      expect(text).not.toContain(value);
  });

  it('a jq failure on a Secret does not quote its data', async () => {
    const { desired, live } = pair('secret');
    const rule = { kind: 'Secret', jqPathExpressions: ['.data | keys[]'] };
    const result = await compareObject(desired, live, { appName: 'shop', ignoreDifferences: [rule] });
    expect(result.warnings.length).toBeGreaterThan(0);
    expect(result.warnings.join()).not.toContain('czNjcjN0LXBhc3N3b3Jk');
  });

  it('missing and extraneous Secrets are masked too', async () => {
    const { desired, live } = pair('secret');
    expect(JSON.stringify(await compareObject(desired, undefined, { appName: 'shop' }))).not.toContain(
      'czNjcjN0',
    );
    expect(JSON.stringify(await compareObject(undefined, live, { appName: 'shop' }))).not.toContain(
      'czNjcjN0',
    );
  });
});
