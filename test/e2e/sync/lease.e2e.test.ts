// The operation lease on a real API server: one holder at a time, the same holder may take it
// again (a restarted engine), an expired lease is taken over, two instances racing for a free
// lease end with exactly one holder, and release deletes only a lease still held. Expiry is judged
// on this desktop's clock, as Kubernetes' leader election does, so another desktop's clock being
// behind does not hand its lease over while it is renewed.
import { describe, expect, it } from 'vitest';
import { acquireLease, leaseHolder, readLease, releaseLease } from '../../../engine/cluster/lease.ts';
import { OperationLeases } from '../../../engine/controller/operationLease.ts';
import { RESTRICTED_NAMESPACE } from '../../cluster/harness.ts';
import { connect, testNamespace } from '../live/liveTestKit.ts';

const connection = connect('plumbline-a');
const namespace = testNamespace('lease');
const ref = (name: string) => ({ namespace, name });

/** A lease as another desktop writes it, its renew time read off that desktop's clock. */
async function writtenElsewhere(
  name: string,
  holder: string,
  clockOffsetMs: number,
  leaseDurationSeconds = 30,
): Promise<void> {
  const renewTime = new Date(Date.now() + clockOffsetMs).toISOString().replace(/Z$/, '000Z');
  await connection.requestJson({
    verb: 'patch',
    method: 'POST',
    path: `/apis/coordination.k8s.io/v1/namespaces/${namespace}/leases`,
    body: JSON.stringify({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name, namespace },
      spec: { holderIdentity: holder, leaseDurationSeconds, acquireTime: renewTime, renewTime },
    }),
    contentType: 'application/json',
    what: `write lease ${name}`,
  });
}

describe('operation lease', () => {
  it('has one holder at a time, and the holder may take it again', async () => {
    const lease = ref('one-holder');
    expect(await acquireLease(connection, lease, 'alice@desk-1/a1', 30)).toMatchObject({ acquired: true });
    const refused = await acquireLease(connection, lease, 'bob@desk-2/b2', 30);
    expect(refused).toMatchObject({ acquired: false, heldBy: { holder: 'alice@desk-1/a1', expired: false } });
    expect(await acquireLease(connection, lease, 'alice@desk-1/a1', 30)).toMatchObject({ acquired: true });
    expect(await leaseHolder(connection, lease)).toMatchObject({ holder: 'alice@desk-1/a1' });
  });

  it('is taken over once its holder stopped renewing it for longer than its duration', async () => {
    const lease = ref('expiring');
    await acquireLease(connection, lease, 'alice@desk-1/a1', 1);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await leaseHolder(connection, lease)).toBeNull();
    expect(await acquireLease(connection, lease, 'bob@desk-2/b2', 30)).toMatchObject({ acquired: true });
    const taken = await readLease(connection, lease);
    expect(taken?.spec).toMatchObject({ holderIdentity: 'bob@desk-2/b2', leaseTransitions: 1 });
  });

  it('is not taken from a desktop whose clock is behind while the lease is renewed', async () => {
    const lease = ref('clock-behind');
    // Renewed just now by a desktop whose clock runs two minutes late.
    await writtenElsewhere(lease.name, 'carol@desk-3/c3', -120_000);
    expect(await leaseHolder(connection, lease)).toMatchObject({ holder: 'carol@desk-3/c3', expired: false });
    const refused = await acquireLease(connection, lease, 'bob@desk-2/b2', 30);
    expect(refused).toMatchObject({ acquired: false, heldBy: { holder: 'carol@desk-3/c3' } });
  });

  it('is taken over after its duration on this clock, even from a desktop whose clock is ahead', async () => {
    const lease = ref('clock-ahead');
    await writtenElsewhere(lease.name, 'erin@desk-5/e5', 120_000, 1);
    expect(await leaseHolder(connection, lease)).toMatchObject({ holder: 'erin@desk-5/e5' });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await leaseHolder(connection, lease)).toBeNull();
    expect(await acquireLease(connection, lease, 'bob@desk-2/b2', 30)).toMatchObject({ acquired: true });
  });

  it('is taken at once when it was last renewed longer ago than any clock difference explains', async () => {
    const lease = ref('abandoned');
    await writtenElsewhere(lease.name, 'dave@desk-4/d4', -60 * 60_000);
    expect(await leaseHolder(connection, lease)).toBeNull();
    expect(await acquireLease(connection, lease, 'bob@desk-2/b2', 30)).toMatchObject({ acquired: true });
  });

  it('ends a race for a free lease with exactly one holder', async () => {
    const lease = ref('race');
    const contenders = Array.from({ length: 6 }, (_, i) => `desk-${i}`);
    const attempts = await Promise.all(contenders.map((who) => acquireLease(connection, lease, who, 30)));
    const winners = attempts.filter((a) => a.acquired);
    expect(winners).toHaveLength(1);
    const holder = (await readLease(connection, lease))?.spec.holderIdentity;
    for (const attempt of attempts) if (!attempt.acquired) expect(attempt.heldBy.holder).toBe(holder);
  });

  it('is deleted on release only by its holder', async () => {
    const lease = ref('release');
    await acquireLease(connection, lease, 'alice@desk-1/a1', 30);
    await releaseLease(connection, lease, 'bob@desk-2/b2');
    expect(await readLease(connection, lease)).not.toBeNull();
    await releaseLease(connection, lease, 'alice@desk-1/a1');
    expect(await readLease(connection, lease)).toBeNull();
  });

  it('is taken in the destination namespace where the user may not write leases in kube-system', async () => {
    const leases = new OperationLeases(
      async () => 'restricted@desk/r1',
      async () => undefined,
    );
    const held = await leases.take(connect('plumbline-a-restricted'), 'team-app', RESTRICTED_NAMESPACE);
    expect(held.ref).toEqual({ namespace: RESTRICTED_NAMESPACE, name: 'plumbline-op-team-app' });
    await held.release();
    expect(await readLease(connection, held.ref)).toBeNull();
    await expect(leases.take(connect('plumbline-a-restricted'), 'team-app', 'elsewhere')).rejects.toThrow(
      /allow this user to create coordination.k8s.io leases/,
    );
  });
});
