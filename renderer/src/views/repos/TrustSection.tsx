// What Plumbline trusts when it connects: the ssh known hosts (ssh refuses any other host key)
// and extra CA certificates per https host (for servers with a private CA). Adding takes
// ssh-keyscan output or PEM text; removing goes by host.
import { useState } from 'react';
import type { ReposView } from '../../../../engine/api/contract.ts';
import { useClient } from '../../clientContext.ts';
import { TextArea, TextField } from '../../components/fields.tsx';
import { useStep } from '../clusters/useStep.ts';
import { RemovableTable } from './RemovableTable.tsx';

export function TrustSection({ view }: { view: ReposView }) {
  const client = useClient();
  const step = useStep();
  const [knownHosts, setKnownHosts] = useState('');
  const [host, setHost] = useState('');
  const [pem, setPem] = useState('');

  const addKnownHosts = async () => {
    if (await step.run(() => client.call('repos.addKnownHosts', { text: knownHosts }))) setKnownHosts('');
  };
  const addCertificates = async () => {
    const done = await step.run(() => client.call('repos.setCertificates', { host: host.trim(), pem }));
    if (done) {
      setHost('');
      setPem('');
    }
  };

  return (
    <>
      <h2 className="section-title">SSH known hosts</h2>
      {view.knownHosts.length === 0 ? (
        <p className="subtle">No known hosts: ssh repositories are refused until their host key is added.</p>
      ) : (
        <RemovableTable
          label="Known hosts"
          headers={['Hosts', 'Key', 'Fingerprint']}
          rows={view.knownHosts.map((entry) => {
            const host = entry.hosts.split(',')[0]!;
            return {
              key: `${entry.hosts} ${entry.fingerprint}`,
              cells: [
                <span className="mono">{entry.hosts}</span>,
                entry.keyType,
                <span className="mono">{entry.fingerprint}</span>,
              ],
              removeLabel: `Remove known host ${host}`,
              onRemove: () => void step.run(() => client.call('repos.removeKnownHosts', { host })),
            };
          })}
        />
      )}
      <div className="group-box">
        <TextArea
          label="Add known hosts (ssh-keyscan output)"
          value={knownHosts}
          onChange={setKnownHosts}
          placeholder="git.example.com ssh-ed25519 AAAA…"
        />
        <div className="actions">
          <button disabled={step.busy || !knownHosts.trim()} onClick={() => void addKnownHosts()}>
            Add known hosts
          </button>
        </div>
      </div>

      <h2 className="section-title">HTTPS certificates</h2>
      {view.tlsCertificates.length === 0 ? (
        <p className="subtle">
          No extra certificate authorities: https servers are checked against the system&apos;s.
        </p>
      ) : (
        <RemovableTable
          label="HTTPS certificates"
          headers={['Host', 'Certificates']}
          rows={view.tlsCertificates.map((entry) => ({
            key: entry.host,
            cells: [<span className="mono">{entry.host}</span>, entry.certificates],
            removeLabel: `Remove certificates of ${entry.host}`,
            onRemove: () =>
              void step.run(() => client.call('repos.setCertificates', { host: entry.host, pem: null })),
          }))}
        />
      )}
      <div className="group-box">
        <TextField label="Host" value={host} onChange={setHost} placeholder="git.example.com" />
        <TextArea label="CA certificates (PEM)" value={pem} onChange={setPem} rows={5} />
        <div className="actions">
          <button disabled={step.busy || !host.trim() || !pem.trim()} onClick={() => void addCertificates()}>
            Trust for this host
          </button>
        </div>
      </div>
      {step.error && (
        <p className="error problem" role="alert">
          {step.error}
        </p>
      )}
    </>
  );
}
