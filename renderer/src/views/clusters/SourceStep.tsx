// The wizard's first step: which cluster. A context of the kubeconfig, a pasted server URL with
// its CA and a token, or a kubeconfig file dropped here (then one of its contexts).
import { useState } from 'react';
import type { ClusterCandidate } from '../../../../engine/api/contract.ts';
import { useClient } from '../../clientContext.ts';
import { useClusters } from '../../stores/clusters.ts';
import { useStep } from './useStep.ts';
import { Field, TextArea, TextField } from '../../components/fields.tsx';

type Source = 'context' | 'token' | 'kubeconfig';

export interface SourceChoice {
  candidate: ClusterCandidate;
  /** What to call it unless the user says otherwise. */
  suggestedName: string;
}

export function SourceStep({
  initialContext,
  onChosen,
}: {
  initialContext?: string;
  onChosen(choice: SourceChoice): void;
}) {
  const client = useClient();
  const contexts = useClusters((state) => state.list?.contexts ?? []);
  const [source, setSource] = useState<Source>('context');
  const [context, setContext] = useState(initialContext ?? contexts[0]?.name ?? '');
  const [server, setServer] = useState('');
  const [caData, setCaData] = useState('');
  const [token, setToken] = useState('');
  const [kubeconfig, setKubeconfig] = useState('');
  const [fileContexts, setFileContexts] = useState<string[]>([]);
  const [fileContext, setFileContext] = useState('');
  const reading = useStep();

  const readKubeconfig = async (text: string) => {
    setKubeconfig(text);
    const result = await reading.run(() => client.call('clusters.kubeconfigContexts', { kubeconfig: text }));
    const names = result?.contexts.map((c) => c.name) ?? [];
    setFileContexts(names);
    setFileContext(names[0] ?? '');
  };
  const dropped = (files: FileList | null) => {
    const file = files?.[0];
    if (file) void file.text().then(readKubeconfig);
  };

  const choice = (): SourceChoice | null => {
    if (source === 'context' && context)
      return { candidate: { source: 'context', context }, suggestedName: context };
    if (source === 'token' && server && token)
      return {
        candidate: { source: 'token', server: server.trim(), token, ...(caData.trim() ? { caData } : {}) },
        suggestedName: hostOf(server),
      };
    if (source === 'kubeconfig' && kubeconfig && fileContext)
      return {
        candidate: { source: 'kubeconfig', kubeconfig, context: fileContext },
        suggestedName: fileContext,
      };
    return null;
  };
  const chosen = choice();

  return (
    <div className="wizard-step">
      <div className="source-choices" role="radiogroup" aria-label="Where the cluster comes from">
        {(
          [
            ['context', 'A kubeconfig context'],
            ['token', 'Server URL, CA and token'],
            ['kubeconfig', 'A kubeconfig file'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className={source === value ? 'source-choice chosen' : 'source-choice'}>
            <input type="radio" name="source" checked={source === value} onChange={() => setSource(value)} />
            {label}
          </label>
        ))}
      </div>

      {source === 'context' && (
        <label className="field">
          <span>Context</span>
          {contexts.length === 0 ? (
            <em className="subtle">Your kubeconfig has no contexts.</em>
          ) : (
            <select value={context} onChange={(e) => setContext(e.target.value)}>
              {contexts.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name} — {c.server ?? 'no server'}
                </option>
              ))}
            </select>
          )}
        </label>
      )}

      {source === 'token' && (
        <>
          <TextField
            label="API server URL"
            value={server}
            placeholder="https://cluster.example.com:6443"
            onChange={setServer}
          />
          <TextArea
            label="CA certificate (PEM or base64)"
            rows={4}
            value={caData}
            placeholder="-----BEGIN CERTIFICATE-----  (empty: the system's CAs)"
            onChange={setCaData}
          />
          <Field label="Bearer token">
            <input
              type="password"
              autoComplete="off"
              value={token}
              onChange={(e) => setToken(e.target.value)}
            />
          </Field>
          <p className="subtle hint">The token goes to your OS keychain when you save, nowhere else.</p>
        </>
      )}

      {source === 'kubeconfig' && (
        <>
          <label
            className="drop-zone"
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              dropped(e.dataTransfer.files);
            }}
          >
            <input type="file" aria-label="Kubeconfig file" onChange={(e) => dropped(e.target.files)} />
            <span>
              {kubeconfig
                ? 'Kubeconfig read. Drop another to replace it.'
                : 'Drop a kubeconfig file here, or choose one.'}
            </span>
          </label>
          {reading.error && <p className="error">{reading.error}</p>}
          {fileContexts.length > 0 && (
            <label className="field">
              <span>Context of that file</span>
              <select value={fileContext} onChange={(e) => setFileContext(e.target.value)}>
                {fileContexts.map((name) => (
                  <option key={name}>{name}</option>
                ))}
              </select>
            </label>
          )}
        </>
      )}

      <div className="actions">
        <button className="primary" disabled={!chosen} onClick={() => chosen && onChosen(chosen)}>
          Test the connection
        </button>
      </div>
    </div>
  );
}

function hostOf(server: string): string {
  try {
    return new URL(server).hostname;
  } catch {
    return '';
  }
}
