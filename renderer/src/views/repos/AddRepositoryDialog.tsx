// Connects a repository, or a credential template for every repository under a URL prefix, as
// `argocd repo add` / `argocd repocreds add` do: git over https (user and password or token),
// over ssh (a private key; the host must be in the known hosts) or as a GitHub App, Helm
// repositories and OCI registries. The secrets go to the OS keychain; the form forgets them once
// saved. Saving a repository tries it at once and says what failed.
import { useState } from 'react';
import { useClient } from '../../clientContext.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { CheckboxField, Field, SecretField, TextArea, TextField } from '../../components/fields.tsx';
import { useStep } from '../clusters/useStep.ts';
import { emptyRepoForm, methodOf, repoDefinition, withoutSecrets, type RepoForm } from './repoForm.ts';
import { testHeadline } from './repoText.ts';

const urlHints: Record<string, string> = {
  https: 'https://git.example.com/team/app.git',
  ssh: 'git@git.example.com:team/app.git',
  'github-app': 'https://github.com/team/app.git',
  helm: 'https://charts.example.com',
  oci: 'oci://registry.example.com/team',
};

export function AddRepositoryDialog({ onClose }: { onClose(): void }) {
  const client = useClient();
  const saving = useStep();
  const [form, setForm] = useState<RepoForm>(emptyRepoForm);
  const [tested, setTested] = useState<{ ok: boolean; headline: string; message: string } | null>(null);
  const set =
    <K extends keyof RepoForm>(key: K) =>
    (value: RepoForm[K]) =>
      setForm((current) => ({ ...current, [key]: value }));
  const method = methodOf(form);

  const save = async () => {
    setTested(null);
    const added = await saving.run(() =>
      client.call('repos.add', { definition: repoDefinition(form), upsert: true }),
    );
    if (!added) return;
    // the keychain has them now: the form keeps no secret
    setForm(withoutSecrets);
    if (form.kind === 'template') return onClose();
    const result = await saving.run(() => client.call('repos.test', { url: added.repository.url }));
    if (!result) return;
    if (result.ok) return onClose();
    setTested({ ok: false, headline: testHeadline(result.problem), message: result.message });
  };

  return (
    <Dialog title="Connect a repository" onClose={onClose} wide>
      <form
        className="wizard-step"
        aria-label="Repository"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Field label="Applies to">
          <select value={form.kind} onChange={(e) => set('kind')(e.target.value as RepoForm['kind'])}>
            <option value="repository">This repository</option>
            <option value="template">Every repository under this URL (credential template)</option>
          </select>
        </Field>
        <Field label="Type">
          <select value={form.type} onChange={(e) => set('type')(e.target.value as RepoForm['type'])}>
            <option value="git">Git</option>
            <option value="helm">Helm repository</option>
            <option value="oci">OCI registry</option>
          </select>
        </Field>
        {form.type === 'git' && (
          <Field label="Connect with">
            <select value={form.method} onChange={(e) => set('method')(e.target.value as RepoForm['method'])}>
              <option value="https">HTTPS (user and password or token)</option>
              <option value="ssh">SSH (private key)</option>
              <option value="github-app">GitHub App</option>
            </select>
          </Field>
        )}
        <TextField
          label={form.kind === 'template' ? 'URL prefix' : 'URL'}
          value={form.url}
          onChange={set('url')}
          placeholder={urlHints[form.type === 'git' ? method : form.type]}
          required
        />
        <TextField label="Name (optional)" value={form.name} onChange={set('name')} />
        <TextField label="Project (optional)" value={form.project} onChange={set('project')} />
        {method === 'https' && (
          <>
            <TextField label="Username" value={form.username} onChange={set('username')} />
            <SecretField label="Password or token" value={form.password} onChange={set('password')} />
            <TextArea
              label="TLS client certificate (PEM, optional)"
              value={form.tlsClientCertData}
              onChange={set('tlsClientCertData')}
            />
            {form.tlsClientCertData.trim() && (
              <TextArea
                label="TLS client key (PEM)"
                value={form.tlsClientCertKey}
                onChange={set('tlsClientCertKey')}
              />
            )}
          </>
        )}
        {method === 'ssh' && (
          <TextArea
            label="SSH private key"
            value={form.sshPrivateKey}
            onChange={set('sshPrivateKey')}
            placeholder="-----BEGIN OPENSSH PRIVATE KEY-----"
            rows={6}
          />
        )}
        {method === 'github-app' && (
          <>
            <TextField label="GitHub App ID" value={form.githubAppId} onChange={set('githubAppId')} />
            <TextField
              label="Installation ID"
              value={form.githubAppInstallationId}
              onChange={set('githubAppInstallationId')}
            />
            <TextArea
              label="App private key (PEM)"
              value={form.githubAppPrivateKey}
              onChange={set('githubAppPrivateKey')}
              rows={6}
            />
            <TextField
              label="GitHub Enterprise API (optional)"
              value={form.githubAppEnterpriseBaseUrl}
              onChange={set('githubAppEnterpriseBaseUrl')}
              placeholder="https://github.example.com/api/v3"
            />
          </>
        )}
        {form.type === 'helm' && (
          <CheckboxField
            label="The Helm repository is an OCI registry"
            checked={form.enableOCI}
            onChange={set('enableOCI')}
          />
        )}
        <CheckboxField
          label={method === 'ssh' ? 'Skip host key checks (insecure)' : 'Skip certificate checks (insecure)'}
          checked={form.insecure}
          onChange={set('insecure')}
        />
        {saving.error && (
          <p className="error problem" role="alert">
            {saving.error}
          </p>
        )}
        {tested && (
          <p className="error problem" role="alert">
            Saved, but the connection failed: {tested.headline}. {tested.message}
          </p>
        )}
        <div className="actions">
          <button className="primary" type="submit" disabled={saving.busy || !form.url.trim()}>
            {saving.busy ? 'Saving…' : form.kind === 'template' ? 'Save template' : 'Save and test'}
          </button>
          <button type="button" onClick={onClose}>
            {tested ? 'Close' : 'Cancel'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
