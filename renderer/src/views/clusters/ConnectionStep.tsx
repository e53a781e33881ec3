// The wizard's second step: reach the API server, trust its certificate, log in, read its
// version. A failure is said in plain words (unknown CA, expired or wrong token, unreachable).
import { useEffect, useState } from 'react';
import type { ClusterCandidate, ConnectionReport } from '../../../../engine/api/contract.ts';
import { useClient } from '../../clientContext.ts';
import { ConnectionChecks } from './ConnectionChecks.tsx';
import { useStep } from './useStep.ts';

export function ConnectionStep({
  candidate,
  onBack,
  onConnected,
}: {
  candidate: ClusterCandidate;
  onBack(): void;
  onConnected(): void;
}) {
  const client = useClient();
  const step = useStep();
  const [report, setReport] = useState<ConnectionReport | null>(null);
  const test = () =>
    void step
      .run(() => client.call('clusters.testConnection', { candidate }))
      .then((result) => setReport(result ?? null));
  // Tested as soon as the step opens: there is nothing to fill in first.
  useEffect(test, [candidate]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div className="wizard-step">
      <p className="subtle">
        {step.busy ? 'Connecting…' : report ? `API server ${report.server}` : 'Not tested yet'}
      </p>
      {step.error && <p className="error">{step.error}</p>}
      {report && <ConnectionChecks report={report} />}
      <div className="actions">
        <button onClick={onBack}>Back</button>
        <button onClick={test} disabled={step.busy}>
          Test again
        </button>
        <button className="primary" disabled={!report?.authenticated} onClick={onConnected}>
          Check permissions
        </button>
      </div>
    </div>
  );
}
