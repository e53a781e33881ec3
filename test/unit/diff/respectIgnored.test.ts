// RespectIgnoreDifferences=true: what a sync applies keeps the live values of the fields the
// application's ignoreDifferences ignores (pointers, jq, trusted managers), never status.
import { afterAll, describe, expect, it } from 'vitest';
import { stopJq, withIgnoredLiveValues, type KubeObject } from '../../../engine/diff/index.ts';
import { at, pair } from './fixtures.ts';

afterAll(stopJq);

const containers = (obj: KubeObject) =>
  at(obj, 'spec', 'template', 'spec').containers as Record<string, unknown>[];

describe('withIgnoredLiveValues', () => {
  it('keeps the live replica count and applies the rest of git', async () => {
    const { desired, live } = pair('deployment');
    at(live, 'spec').replicas = 7;
    at(desired, 'spec', 'template', 'spec', 'containers', 0).image = 'nginx:1.28';
    const applied = await withIgnoredLiveValues(desired, live, {
      ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }],
    });
    expect(at(applied, 'spec').replicas).toBe(7);
    expect(containers(applied)[0]?.image).toBe('nginx:1.28');
    // nothing of live that git does not set comes along
    expect(at(applied, 'spec')).not.toHaveProperty('revisionHistoryLimit');
    expect(applied).not.toHaveProperty('status');
    expect(at(applied, 'metadata')).not.toHaveProperty('managedFields');
  });

  it('a field live does not have stays absent; rules of other kinds change nothing', async () => {
    const { desired, live } = pair('deployment');
    delete at(live, 'spec').replicas;
    const applied = await withIgnoredLiveValues(desired, live, {
      ignoreDifferences: [
        { group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] },
        { kind: 'ConfigMap', jsonPointers: ['/data'] },
      ],
    });
    expect(at(applied, 'spec')).not.toHaveProperty('replicas');
    expect(containers(applied)).toEqual(containers(desired));
  });

  it('a pointer into a list keeps that item field only', async () => {
    const { desired, live } = pair('deployment');
    at(live, 'spec', 'template', 'spec', 'containers', 0).image = 'nginx:live';
    at(desired, 'spec', 'template', 'spec', 'containers', 0).env = [{ name: 'MODE', value: 'debug' }];
    const applied = await withIgnoredLiveValues(desired, live, {
      ignoreDifferences: [
        { group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/template/spec/containers/0/image'] },
      ],
    });
    expect(containers(applied)[0]).toMatchObject({
      image: 'nginx:live',
      env: [{ name: 'MODE', value: 'debug' }],
    });
    expect(containers(applied)[0]).not.toHaveProperty('imagePullPolicy');
  });

  it('a jq expression that removes a live-only container keeps that container', async () => {
    const { desired, live } = pair('deployment');
    containers(live).push({ name: 'proxy', image: 'envoy:1.30' });
    const applied = await withIgnoredLiveValues(desired, live, {
      ignoreDifferences: [
        {
          group: 'apps',
          kind: 'Deployment',
          jqPathExpressions: ['.spec.template.spec.containers[] | select(.name == "proxy")'],
        },
      ],
    });
    expect(containers(applied).map((c) => c.name)).toEqual(['web', 'proxy']);
    expect(containers(applied)[0]).toEqual(containers(desired)[0]);
  });

  it('fields a trusted manager owns with another value keep the live value', async () => {
    const { desired, live } = pair('deployment');
    at(live, 'spec').replicas = 5;
    (at(live, 'metadata').managedFields as unknown[]).push({
      manager: 'hpa-controller',
      operation: 'Update',
      fieldsV1: { 'f:spec': { 'f:replicas': {} } },
    });
    const applied = await withIgnoredLiveValues(desired, live, {
      ignoreDifferences: [{ group: 'apps', kind: 'Deployment', managedFieldsManagers: ['hpa-controller'] }],
    });
    expect(at(applied, 'spec').replicas).toBe(5);
  });

  it('a malformed jq expression fails with the rule named', async () => {
    const { desired, live } = pair('deployment');
    await expect(
      withIgnoredLiveValues(desired, live, {
        ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jqPathExpressions: ['.spec[[['] }],
      }),
    ).rejects.toThrow(/jqPathExpression/);
  });
});
