import { describe, expect, it } from 'vitest';
import { KubeApiError } from '../../../engine/cluster/apiError.ts';
import { ConnectionStateTracker, type ConnectionState } from '../../../engine/cluster/connectionState.ts';

function tracker(): { states: ConnectionState[]; reachable: number[]; tracker: ConnectionStateTracker } {
  const states: ConnectionState[] = [];
  const reachable: number[] = [];
  const t = new ConnectionStateTracker({
    onState: (s) => states.push(s),
    onReachable: () => reachable.push(1),
    onOutcome: () => undefined,
  });
  return { states, reachable, tracker: t };
}

const refused = new KubeApiError(
  'watch v1 pods cluster-wide on a: cannot reach 127.0.0.1:1: ECONNREFUSED',
  0,
  'ECONNREFUSED',
);
const forbidden = new KubeApiError(
  'list v1 namespaces cluster-wide on a: 403 Forbidden: no',
  403,
  'Forbidden',
);

describe('ConnectionStateTracker', () => {
  it('goes connecting → connected → unreachable → connected, waking watchers on the way back', () => {
    const { states, reachable, tracker: t } = tracker();
    expect(t.state.state).toBe('connecting');
    t.succeeded('pods');
    t.succeeded('deployments');
    t.failed('pods', refused);
    expect(t.state.state).toBe('degraded'); // deployments has not noticed yet
    t.failed('deployments', refused);
    expect(t.state).toMatchObject({ state: 'unreachable', reason: refused.message });
    t.succeeded('pods');
    expect(reachable).toHaveLength(1);
    expect(t.state.state).toBe('degraded'); // deployments still catching up
    t.succeeded('deployments');
    expect(states.map((s) => s.state)).toEqual([
      'connected',
      'degraded',
      'unreachable',
      'degraded',
      'connected',
    ]);
  });

  it('is degraded, not unreachable, when some types are forbidden or only partly watched', () => {
    const { tracker: t } = tracker();
    t.succeeded('pods@team-a');
    t.failed('namespaces', forbidden);
    t.fallback('deployments', { resource: 'apps/v1 deployments', namespaces: ['team-a'] });
    t.fallback('pods', { resource: 'v1 pods', namespaces: ['team-a'] });
    expect(t.state.state).toBe('degraded');
    expect(t.state.reason).toBe(
      'listing cluster-wide is forbidden for apps/v1 deployments, v1 pods; watching only namespaces: team-a; ' +
        forbidden.message,
    );
  });

  it('keeps `since` while only the reason changes', () => {
    const { tracker: t } = tracker();
    t.succeeded('pods');
    t.failed('a', forbidden);
    const since = t.state.since;
    t.failed('b', forbidden);
    expect(t.state.since).toBe(since);
    expect(t.state.reason).toContain('; ');
  });
});
