// Argo CD's server-side diff (ServerSideDiff=true): what a mutation webhook adds to the dry run's
// prediction — fields the applying manager does not own — is not judged, unless
// IncludeMutationWebhook=true; and how an Application's compare-options are read.
import { afterAll, describe, expect, it } from 'vitest';
import { appDiffOptions, compareObject, stopJq, type KubeObject } from '../../../engine/diff/index.ts';
import { withoutWebhookMutations } from '../../../engine/diff/webhookMutations.ts';
import { at, pair } from './fixtures.ts';

afterAll(stopJq);

/** The dry run as a webhook would return it: a new sidecar, an annotation and a changed default. */
function mutatedPrediction(live: KubeObject): KubeObject {
  const predicted = structuredClone(live);
  at(predicted, 'metadata', 'annotations')['webhook.example.com/injected-at'] = '2025-02-01T00:00:00Z';
  const containers = at(predicted, 'spec', 'template', 'spec').containers as unknown[];
  containers.push({ name: 'proxy', image: 'envoy:1.30' });
  at(predicted, 'spec', 'template', 'spec', 'containers', 0).imagePullPolicy = 'Always';
  return predicted;
}

describe('server-side diff without webhook mutations', () => {
  it('keeps live values where the manager owns nothing, and the prediction where it does', () => {
    const { live } = pair('deployment');
    const predicted = mutatedPrediction(live);
    at(predicted, 'spec', 'template', 'spec', 'containers', 0).image = 'nginx:1.28';
    const kept = withoutWebhookMutations(predicted, live, 'plumbline');
    const containers = at(kept, 'spec', 'template', 'spec').containers as Record<string, unknown>[];
    expect(containers.map((c) => c.name)).toEqual(['web']);
    expect(containers[0]).toMatchObject({ image: 'nginx:1.28', imagePullPolicy: 'IfNotPresent' });
    expect(at(kept, 'metadata', 'annotations')).not.toHaveProperty('webhook.example.com/injected-at');
    expect(kept).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } });
  });

  it('a new list item keeps its key fields even where the manager owns only part of the key', () => {
    const { live } = pair('deployment');
    const predicted = structuredClone(live);
    const container = at(predicted, 'spec', 'template', 'spec', 'containers', 0);
    container.ports = [{ containerPort: 8080, protocol: 'TCP' }];
    const owner = (at(predicted, 'metadata').managedFields as Record<string, unknown>[])[0]!;
    const web = at(owner, 'fieldsV1', 'f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"web"}');
    web['f:ports'] = { 'k:{"containerPort":8080,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } };
    const kept = withoutWebhookMutations(predicted, live, 'plumbline');
    expect(at(kept, 'spec', 'template', 'spec', 'containers', 0).ports).toEqual([
      { containerPort: 8080, protocol: 'TCP' },
    ]);
  });

  it('drops what the prediction dropped, even where live has it', () => {
    const { live } = pair('deployment');
    const predicted = structuredClone(live);
    delete at(predicted, 'spec', 'template', 'spec', 'containers', 0).env;
    const kept = withoutWebhookMutations(predicted, live, 'plumbline');
    expect(at(kept, 'spec', 'template', 'spec', 'containers', 0)).not.toHaveProperty('env');
  });

  it('a prediction that changes nothing is taken as it is, whoever owns its fields', () => {
    const { live } = pair('deployment');
    const predicted = structuredClone(live);
    at(predicted, 'metadata').managedFields = [];
    expect(withoutWebhookMutations(predicted, live, 'plumbline')).toBe(predicted);
  });

  it('compareObject: Synced with ignoreMutationWebhook, OutOfSync when mutations are included', async () => {
    const { desired, live } = pair('deployment');
    const predictedLive = mutatedPrediction(live);
    const excluded = await compareObject(desired, live, {
      appName: 'shop',
      predictedLive,
      ignoreMutationWebhook: true,
    });
    expect(excluded.status, excluded.changedPaths.join()).toBe('Synced');
    const included = await compareObject(desired, live, { appName: 'shop', predictedLive });
    expect(included.status).toBe('OutOfSync');
  });

  it('a prediction without managedFields, or without the manager, is an error of the comparison', async () => {
    const { desired, live } = pair('deployment');
    const bare = mutatedPrediction(live);
    delete at(bare, 'metadata').managedFields;
    const noFields = await compareObject(desired, live, {
      appName: 'shop',
      predictedLive: bare,
      ignoreMutationWebhook: true,
    });
    expect(noFields).toMatchObject({ status: 'Unknown', reason: 'error' });
    expect(noFields.message).toMatch(/must have the managedFields/);
    const other = await compareObject(desired, live, {
      appName: 'shop',
      predictedLive: mutatedPrediction(live),
      ignoreMutationWebhook: true,
      fieldManager: 'argocd-controller',
    });
    expect(other.message).toMatch(/no managed fields found for manager: argocd-controller/);
  });
});

describe("an Application's compare-options", () => {
  const app = (value?: string): KubeObject => ({
    metadata: {
      name: 'shop',
      ...(value === undefined ? {} : { annotations: { 'argocd.argoproj.io/compare-options': value } }),
    },
  });

  it('reads ServerSideDiff and IncludeMutationWebhook as Argo CD does', () => {
    expect(appDiffOptions(app())).toEqual({ includeMutationWebhook: false });
    expect(appDiffOptions(app('ServerSideDiff=true'))).toEqual({
      serverSideDiff: true,
      includeMutationWebhook: false,
    });
    expect(appDiffOptions(app(' ServerSideDiff=true , IncludeMutationWebhook=true'))).toEqual({
      serverSideDiff: true,
      includeMutationWebhook: true,
    });
    // =false wins, as the controller turns it off after turning it on
    expect(appDiffOptions(app('ServerSideDiff=true,ServerSideDiff=false'))).toMatchObject({
      serverSideDiff: false,
    });
  });

  it('ignores what it does not know: other spellings, empty items, IgnoreExtraneous', () => {
    for (const value of [
      'serversidediff=true',
      'ServerSideDiff',
      'ServerSideDiff=yes',
      ',,,',
      'IgnoreExtraneous',
      '--ServerSideDiff=true',
    ])
      expect(appDiffOptions(app(value))).toEqual({ includeMutationWebhook: false });
  });
});
