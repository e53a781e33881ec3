// The GnuPG public keys a project's signatureKeys may name: listed with their state, added from a
// key file or pasted armored text, removed by key ID. A project that lists signature keys syncs
// only revisions signed by one of them.
import { useCallback, useEffect, useState } from 'react';
import type { GpgKeyInfo } from '../../../../engine/api/contract.ts';
import { useClient } from '../../clientContext.ts';
import { Field, TextArea } from '../../components/fields.tsx';
import { useStep } from '../clusters/useStep.ts';
import { RemovableTable } from './RemovableTable.tsx';

export function GpgKeysSection() {
  const client = useClient();
  const step = useStep();
  const [keys, setKeys] = useState<GpgKeyInfo[] | null>(null);
  const [armored, setArmored] = useState('');

  const load = useCallback(
    () => step.run(async () => setKeys((await client.call('gpg.list')).keys)),
    // step changes identity on every render; the client does not
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client],
  );
  useEffect(() => void load(), [load]);

  const add = async (keyData: string) => {
    if (await step.run(() => client.call('gpg.add', { keyData }))) {
      setArmored('');
      await load();
    }
  };
  const remove = async (keyId: string) => {
    if (await step.run(() => client.call('gpg.remove', { keyId }))) await load();
  };

  return (
    <>
      <h2 className="section-title">GnuPG keys</h2>
      <p className="subtle">
        A project whose <span className="mono">signatureKeys</span> name one of these keys syncs only commits
        and tags signed by it.
      </p>
      {keys?.length === 0 && (
        <p className="subtle">No keys: projects that require signatures sync nothing.</p>
      )}
      {keys && keys.length > 0 && (
        <RemovableTable
          label="GnuPG keys"
          headers={['Key ID', 'Owner', 'Algorithm', 'Expires', 'State']}
          rows={keys.map((key) => ({
            key: key.keyId,
            cells: [
              <span className="mono" title={key.fingerprint}>
                {key.keyId}
                {key.subkeys.length > 0 && (
                  <div className="subtle">subkeys {key.subkeys.map((sub) => sub.keyId).join(', ')}</div>
                )}
              </span>,
              key.owner,
              key.algorithm,
              key.expires?.slice(0, 10) ?? 'never',
              <span className={key.state === 'valid' ? 'ok-text' : 'warning'}>{key.state}</span>,
            ],
            removeLabel: `Remove key ${key.keyId}`,
            onRemove: () => void remove(key.keyId),
          }))}
        />
      )}
      <div className="group-box">
        <Field label="Key file">
          <input
            type="file"
            accept=".asc,.gpg,.pgp,.txt"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void file.text().then(add);
            }}
          />
        </Field>
        <TextArea
          label="Or paste a public key (armored)"
          value={armored}
          onChange={setArmored}
          placeholder="-----BEGIN PGP PUBLIC KEY BLOCK-----"
          rows={5}
        />
        <div className="actions">
          <button disabled={step.busy || !armored.trim()} onClick={() => void add(armored)}>
            Add key
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
