// The clusters the registration wizard is looking at before one is saved: each candidate (a
// kubeconfig context, a pasted server with CA and token, a dropped kubeconfig, a service account
// just created) becomes a registration and a KubeConfig in memory only. A created service
// account's token waits here behind an opaque id until it is registered, so it never travels
// back to the UI.
import { randomUUID } from 'node:crypto';
import type { KubeConfig } from '@kubernetes/client-node';
import type { ClusterCandidate } from '../api/contract.ts';
import { kubeConfigForText } from '../cluster/kubeConfigForContext.ts';
import type { SecretStore } from '../secrets/secretStore.ts';
import { clusterCredentialAccount, clusterRecordSchema } from './clusterRecord.ts';
import type { ClusterRegistration, ClusterRegistry } from './clusterRegistry.ts';
import { importFromKubeconfig, registrationFromKubeConfig } from './importFromKubeconfig.ts';
import { kubeConfigForRegistered, kubeConfigWithCredentials } from './kubeConfigForRegistered.ts';

/** How long a created service account's token waits to be registered. */
const PENDING_MS = 30 * 60_000;
/** The name a candidate carries until the user names it. */
const UNNAMED = 'candidate';

/** Base64 of the PEM, whether the user pasted the PEM itself or its base64. */
function caDataOf(pasted: string | undefined): string | undefined {
  const text = pasted?.trim();
  if (!text) return undefined;
  return text.includes('-----BEGIN') ? Buffer.from(text).toString('base64') : text.replace(/\s+/g, '');
}

export class ClusterCandidates {
  private readonly pending = new Map<string, { registration: ClusterRegistration; until: number }>();

  constructor(
    private readonly kubeconfigFiles: readonly string[],
    private readonly registry: ClusterRegistry,
    private readonly secrets: SecretStore,
  ) {}

  /** What registering the candidate would store (named `candidate` until it is named). */
  registration(candidate: ClusterCandidate): ClusterRegistration {
    const options = { name: UNNAMED };
    switch (candidate.source) {
      case 'context':
        return importFromKubeconfig(this.kubeconfigFiles, candidate.context, options);
      case 'kubeconfig':
        return registrationFromKubeConfig(
          kubeConfigForText(candidate.kubeconfig, candidate.context),
          candidate.context,
          options,
        );
      case 'token':
        return {
          record: clusterRecordSchema.parse({
            name: UNNAMED,
            server: candidate.server,
            caData: caDataOf(candidate.caData),
            authKind: 'token',
            credentialAccount: clusterCredentialAccount(UNNAMED),
          }),
          credentials: { token: candidate.token.trim() },
        };
      case 'serviceAccount': {
        const entry = this.pending.get(candidate.id);
        if (!entry || entry.until < Date.now())
          throw new Error('the created service account was forgotten (too long ago?); create it again');
        return entry.registration;
      }
      case 'registered':
        throw new Error(`cluster ${candidate.name} is already registered`);
    }
  }

  /** A KubeConfig that connects as the candidate would once registered. */
  async kubeConfig(candidate: ClusterCandidate): Promise<KubeConfig> {
    if (candidate.source === 'registered') {
      const record = this.registry.get(candidate.name);
      if (!record) throw new Error(`no cluster named ${candidate.name} is registered`);
      return kubeConfigForRegistered(record, this.secrets);
    }
    const { record, credentials } = this.registration(candidate);
    return kubeConfigWithCredentials(record, async () => credentials);
  }

  /** Keeps a registration (a service account's) in memory; the id stands for it. */
  remember(registration: ClusterRegistration): string {
    const now = Date.now();
    for (const [id, entry] of this.pending) if (entry.until < now) this.pending.delete(id);
    const id = randomUUID();
    this.pending.set(id, { registration, until: now + PENDING_MS });
    return id;
  }

  /** Registered: the token is in the keychain now, not here. */
  forget(candidate: ClusterCandidate): void {
    if (candidate.source === 'serviceAccount') this.pending.delete(candidate.id);
  }
}
