// The registration wizard: choose a cluster → test the connection → check permissions (and
// optionally create Plumbline's service account) → name and labels → save. Each step says
// what failed in plain words; nothing with a credential comes back from the engine. Given a
// registered cluster, the same steps reconnect it: new server address and credentials, same name.
import { useState } from 'react';
import type { ClusterCandidate, RegisteredCluster } from '../../../../engine/api/contract.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { ConnectionStep } from './ConnectionStep.tsx';
import { PermissionsStep } from './PermissionsStep.tsx';
import { ReconnectStep } from './ReconnectStep.tsx';
import { SaveStep } from './SaveStep.tsx';
import { SourceStep, type SourceChoice } from './SourceStep.tsx';
import { suggestedName } from './clusterText.ts';

export function RegisterWizard({
  initialContext,
  reconnecting,
  onClose,
  onSaved,
}: {
  initialContext?: string;
  /** A registered cluster to reconnect instead of a new one. */
  reconnecting?: RegisteredCluster;
  onClose(): void;
  onSaved(cluster: RegisteredCluster): void;
}) {
  const [step, setStep] = useState(0);
  const [choice, setChoice] = useState<SourceChoice | null>(null);
  const [candidate, setCandidate] = useState<ClusterCandidate | null>(null);
  const [namespaces, setNamespaces] = useState(reconnecting?.namespaces?.join(', ') ?? '');
  const steps = ['Cluster', 'Connection', 'Permissions', reconnecting ? 'Save' : 'Name and save'];

  return (
    <Dialog title={reconnecting ? `Reconnect ${reconnecting.name}` : 'Register a cluster'} onClose={onClose}>
      <ol className="wizard-steps" aria-label="Steps">
        {steps.map((label, index) => (
          <li
            key={label}
            className={index === step ? 'current' : index < step ? 'done' : ''}
            aria-current={index === step ? 'step' : undefined}
          >
            <span className="step-number">{index + 1}</span>
            {label}
          </li>
        ))}
      </ol>
      {step === 0 && (
        <SourceStep
          initialContext={
            initialContext ??
            (choice?.candidate.source === 'context' ? choice.candidate.context : undefined) ??
            reconnecting?.importedFrom ??
            undefined
          }
          onChosen={(next) => {
            setChoice(next);
            setCandidate(next.candidate);
            setStep(1);
          }}
        />
      )}
      {step === 1 && candidate && (
        <ConnectionStep candidate={candidate} onBack={() => setStep(0)} onConnected={() => setStep(2)} />
      )}
      {step === 2 && candidate && (
        <PermissionsStep
          candidate={candidate}
          namespaces={namespaces}
          onNamespaces={setNamespaces}
          onServiceAccount={setCandidate}
          onBack={() => setStep(1)}
          onNext={() => setStep(3)}
        />
      )}
      {step === 3 && candidate && reconnecting && (
        <ReconnectStep
          cluster={reconnecting}
          candidate={candidate}
          onBack={() => setStep(2)}
          onSaved={onSaved}
        />
      )}
      {step === 3 && candidate && !reconnecting && (
        <SaveStep
          candidate={candidate}
          suggestedName={suggestedName(choice?.suggestedName ?? '')}
          namespaces={namespaces}
          onBack={() => setStep(2)}
          onSaved={onSaved}
        />
      )}
    </Dialog>
  );
}
