// Asked the first time an application deploys to Argo CD's own cluster (`in-cluster`,
// https://kubernetes.default.svc): which registered cluster or kubeconfig context plays that part.
// The answer is the setting `inClusterDestination`, so every such application follows it.
import { useState } from 'react';
import type { AppSummary } from '../../../../engine/api/contract.ts';
import { useClient } from '../../clientContext.ts';
import { useClusters } from '../../stores/clusters.ts';
import './inCluster.css';

/** The condition the engine gives an application whose in-cluster destination is not mapped. */
const IN_CLUSTER_CONDITION = 'InClusterDestinationError';

export function InClusterChoice({ app }: { app: AppSummary }) {
  const client = useClient();
  const registered = useClusters((state) => state.registered ?? []);
  const contexts = useClusters((state) => state.list?.contexts ?? []);
  const names = [...new Set([...registered.map((c) => c.name), ...contexts.map((c) => c.name)])];
  const [chosen, setChosen] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  if (!app.conditions.some((condition) => condition.type === IN_CLUSTER_CONDITION)) return null;

  const choose = async () => {
    setProblem(null);
    await client
      .call('settings.update', { inClusterDestination: chosen })
      .catch((error: Error) => setProblem(error.message));
  };
  return (
    <div className="in-cluster-choice" role="region" aria-label="Choose the in-cluster destination">
      <p>
        {app.name} deploys to Argo CD&apos;s own cluster (in-cluster). Which of your clusters plays that part
        for every such application?
      </p>
      {names.length === 0 ? (
        <p className="subtle">Register a cluster or add a kubeconfig context first.</p>
      ) : (
        <div className="row">
          <select
            aria-label="In-cluster destination"
            value={chosen}
            onChange={(e) => setChosen(e.target.value)}
          >
            <option value="">Choose a cluster…</option>
            {names.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          <button className="primary" disabled={!chosen} onClick={() => void choose()}>
            Use this cluster
          </button>
        </div>
      )}
      {problem && <p className="error">{problem}</p>}
      <p className="subtle hint">It can be changed later in Settings (in-cluster means).</p>
    </div>
  );
}
