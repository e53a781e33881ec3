// A DELETE's body reaches the API server: the DeleteOptions a prune or an application delete
// sends (propagationPolicy Orphan here) is honoured, so the ReplicaSet of a Deployment deleted
// with Orphan stays, without its owner. Node sends a DELETE body only with a Content-Length.
import { describe, expect, it } from 'vitest';
import { deleteObject } from '../../../engine/sync/objectWrites.ts';
import { clientsOf, connect, deployment, plain, testNamespace, until } from './liveTestKit.ts';

const namespace = testNamespace('delete-options');
const connection = connect('plumbline-a');
const { apps } = clientsOf(connection);

describe('DeleteOptions in a DELETE body', () => {
  it('orphan propagation leaves the ReplicaSet of a deleted Deployment', async () => {
    const created = await apps.createNamespacedDeployment({
      namespace,
      body: deployment('keep', namespace, 'x'),
    });
    const sets = () => apps.listNamespacedReplicaSet({ namespace }).then((list) => list.items);
    await until('its ReplicaSet', async () => (await sets()).length === 1, 60_000);
    await deleteObject(
      connection,
      plain({ ...created, apiVersion: 'apps/v1', kind: 'Deployment' }),
      'Orphan',
      {
        dryRun: false,
      },
    );
    await until('the Deployment gone', () =>
      apps.readNamespacedDeployment({ name: 'keep', namespace }).then(
        () => false,
        () => true,
      ),
    );
    const left = await until('the ReplicaSet without owner', async () => {
      const found = await sets();
      return found.length === 1 && (found[0]!.metadata?.ownerReferences ?? []).length === 0 && found;
    });
    expect(left[0]!.metadata?.deletionTimestamp).toBeUndefined();
  });
});
