// Argo CD's namespace for the clusterDecisionResource and plugin generators' tests: ConfigMaps
// and duck-typed resources held in memory (a name selection picks by metadata.name; a label
// selection returns every resource), plugin tokens from a SecretStore; every selection is kept.
import type { ArgoNamespaceSource, DuckSelection } from '../../engine/appset/sources.ts';
import { memorySecretStore, type SecretStore } from '../../engine/secrets/secretStore.ts';
import { storedGeneratorSecret } from '../../engine/appset/generatorSecret.ts';

export interface ArgoNamespaceFixture extends ArgoNamespaceSource {
  selections: DuckSelection[];
}

export function argoNamespace(
  configMaps: Record<string, Record<string, string>>,
  resources: Record<string, unknown>[] = [],
  secrets: SecretStore = memorySecretStore(),
): ArgoNamespaceFixture {
  const selections: DuckSelection[] = [];
  return {
    selections,
    async configMap(name) {
      const data = configMaps[name];
      if (data === undefined) throw new Error(`configmaps "${name}" not found`);
      return data;
    },
    async listResources(selection) {
      selections.push(selection);
      if (selection.name === undefined) return resources;
      return resources.filter(
        (resource) => (resource.metadata as { name?: string } | undefined)?.name === selection.name,
      );
    },
    pluginToken: (secretName, key) => storedGeneratorSecret(secrets, secretName, key),
  };
}
