// The wizard's third step: can Plumbline list, watch, apply and delete where it will work?
// Asked of the cluster itself (SelfSubjectAccessReview, and SelfSubjectRulesReview for what is
// partly allowed); what is missing is listed, and Plumbline's own service account can be created
// with exactly those rights, as `argocd cluster add` does.
import { useState } from 'react';
import type { ClusterCandidate, PermissionReport } from '../../../../engine/api/contract.ts';
import { useClient } from '../../clientContext.ts';
import { parseNamespaces } from './clusterText.ts';
import { useStep } from './useStep.ts';
import { NamespacesField } from './clusterFields.tsx';
import { PermissionSummary } from './PermissionSummary.tsx';

export function PermissionsStep({
  candidate,
  namespaces,
  onNamespaces,
  onServiceAccount,
  onBack,
  onNext,
}: {
  candidate: ClusterCandidate;
  namespaces: string;
  onNamespaces(text: string): void;
  /** The service account was created: from now on the wizard uses it. */
  onServiceAccount(candidate: ClusterCandidate, serviceAccount: string): void;
  onBack(): void;
  onNext(): void;
}) {
  const client = useClient();
  const checking = useStep();
  const creating = useStep();
  const [report, setReport] = useState<PermissionReport | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const chosen = parseNamespaces(namespaces);

  const check = (which: ClusterCandidate) =>
    void checking
      .run(() => client.call('clusters.checkPermissions', { candidate: which, namespaces: chosen }))
      .then((result) => result && setReport(result));
  const createServiceAccount = async () => {
    const result = await creating.run(() =>
      client.call('clusters.createServiceAccount', { candidate, namespaces: chosen }),
    );
    if (!result) return;
    setCreated(result.serviceAccount);
    onServiceAccount(result.candidate, result.serviceAccount);
    check(result.candidate);
  };

  return (
    <div className="wizard-step">
      <NamespacesField
        value={namespaces}
        onChange={(value) => {
          onNamespaces(value);
          setReport(null);
        }}
      />
      <div className="actions">
        <button className="primary" onClick={() => check(candidate)} disabled={checking.busy}>
          {checking.busy ? 'Checking…' : 'Check permissions'}
        </button>
      </div>
      {checking.error && <p className="error problem">{checking.error}</p>}
      {report && <PermissionSummary report={report} namespaces={chosen} />}
      <fieldset className="group-box service-account">
        <legend>Plumbline&apos;s own service account</legend>
        <p className="subtle">
          Create <span className="mono">kube-system/plumbline-manager</span> with{' '}
          {chosen.length > 0 ? `a Role in ${chosen.join(', ')}` : 'a ClusterRole over the whole cluster'} and
          a token, using the credentials you gave. Plumbline then uses that token instead of yours.
        </p>
        {created ? (
          <p className="ok-text">✓ Created {created}; its token will go to your keychain when you save.</p>
        ) : (
          <div className="actions">
            <button onClick={() => void createServiceAccount()} disabled={creating.busy}>
              {creating.busy ? 'Creating…' : 'Create the service account'}
            </button>
          </div>
        )}
        {creating.error && <p className="error problem">{creating.error}</p>}
      </fieldset>
      <div className="actions">
        <button onClick={onBack}>Back</button>
        <button className="primary" onClick={onNext}>
          {report && !report.ok ? 'Continue anyway' : 'Name and save'}
        </button>
      </div>
    </div>
  );
}
