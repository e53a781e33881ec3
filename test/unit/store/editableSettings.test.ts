import { describe, expect, it } from 'vitest';
import { editableOf, withChanges } from '../../../engine/store/editableSettings.ts';

describe('editable settings', () => {
  it('shows every field, with null where unset and the reconciliation defaults', () => {
    expect(editableOf({ tools: { helm: '/opt/helm' } })).toEqual({
      workspace: null,
      healthCustomizations: null,
      tools: { helm: '/opt/helm', kubectl: null, kustomize: null },
      operationLeaseNamespace: null,
      inClusterDestination: null,
      allowedScmProviders: [],
      reconciliation: { periodSeconds: 180, jitterSeconds: 60 },
      gitAuthor: { name: null, email: null },
      render: {
        allowRemoteKustomizeBases: false,
        allowRemoteSchemaRefs: false,
        maxOutputMegabytes: 10,
        maxObjects: 20_000,
        maxToolMemoryMegabytes: 2048,
      },
      application: { resourceTrackingMethod: 'annotation', instanceLabelKey: null },
      installationID: null,
    });
  });

  it("writes Argo CD's tracking settings, leaving out the default method", () => {
    const labelled = withChanges(
      { application: { other: 1 } },
      {
        application: { resourceTrackingMethod: 'label', instanceLabelKey: 'team/app' },
        installationID: 'prod-1',
      },
    );
    expect(labelled).toEqual({
      application: { other: 1, resourceTrackingMethod: 'label', instanceLabelKey: 'team/app' },
      installationID: 'prod-1',
    });
    const back = withChanges(labelled, {
      application: { resourceTrackingMethod: 'annotation', instanceLabelKey: null },
      installationID: null,
    });
    expect(back).toEqual({ application: { other: 1 } });
  });

  it('removes what is set to null and keeps what the view does not edit', () => {
    const current = {
      workspace: '/w',
      tools: { helm: '/opt/helm', kubectl: '/opt/kubectl' },
      resourceHealthChecks: { ConfigMap: 'return {}' },
      windowBounds: { width: 800 },
      gitAuthor: { name: 'Ada' },
    };
    const next = withChanges(current, {
      workspace: null,
      tools: { helm: null, kubectl: '/usr/local/bin/kubectl', kustomize: null },
      gitAuthor: { name: null, email: null },
      operationLeaseNamespace: 'plumbline',
    });
    expect(next).toEqual({
      tools: { kubectl: '/usr/local/bin/kubectl' },
      resourceHealthChecks: { ConfigMap: 'return {}' },
      windowBounds: { width: 800 },
      operationLeaseNamespace: 'plumbline',
    });
  });

  it('leaves the fields a change does not name as they are', () => {
    const current = { operationLeaseNamespace: 'ops', reconciliation: { periodSeconds: 60 } };
    expect(withChanges(current, { reconciliation: { periodSeconds: 0, jitterSeconds: 0 } })).toEqual({
      operationLeaseNamespace: 'ops',
      reconciliation: { periodSeconds: 0, jitterSeconds: 0 },
    });
  });

  it('keeps only the render fields that differ from their defaults', () => {
    const render = {
      maxOutputMegabytes: 10,
      maxObjects: 500,
      maxToolMemoryMegabytes: 2048,
      allowRemoteKustomizeBases: true,
      allowRemoteSchemaRefs: false,
    };
    expect(withChanges({ render: { maxObjects: 9 } }, { render }).render).toEqual({
      maxObjects: 500,
      allowRemoteKustomizeBases: true,
    });
    const defaults = { ...render, maxObjects: 20_000, allowRemoteKustomizeBases: false };
    expect('render' in withChanges({ render: { maxObjects: 9 } }, { render: defaults })).toBe(false);
  });
});
