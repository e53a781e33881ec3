// The objects an application's source renders to, with the progress of a running clone/render.
import { useEffect, useState } from 'react';
import type { Manifests } from '../../../../engine/api/contract.ts';
import { useClient } from '../../clientContext.ts';
import { useApps } from '../../stores/apps.ts';
import { toYaml } from './yaml.ts';

function objectTitle(object: Record<string, unknown>): string {
  const metadata = (object.metadata ?? {}) as { name?: string; namespace?: string };
  return `${String(object.kind)} ${metadata.namespace ? `${metadata.namespace}/` : ''}${metadata.name ?? ''}`;
}

export function ManifestsTab({ name }: { name: string }) {
  const client = useClient();
  const progress = useApps((state) => state.progress[name]);
  const revision = useApps((state) => state.apps?.find((a) => a.name === name)?.revision);
  const [manifests, setManifests] = useState<Manifests | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    client.call('apps.manifests', { name }).then(
      (result) => current && (setManifests(result), setError(null)),
      (failure: Error) => current && setError(failure.message),
    );
    return () => {
      current = false;
    };
  }, [client, name, revision]);

  return (
    <div>
      {progress && !progress.done && (
        <p className="progress" role="status">
          <span className="spinner" /> {progress.message}
        </p>
      )}
      {error && <p className="error">{error}</p>}
      {manifests && (
        <>
          <p className="subtle">
            {manifests.objects.length} objects · {manifests.sourceTypes.join(', ')} · revision{' '}
            <span className="mono">{manifests.revision?.slice(0, 12) ?? '—'}</span>
          </p>
          {manifests.objects.map((object, index) => (
            <details key={index} className="manifest">
              <summary>{objectTitle(object)}</summary>
              <pre className="mono">{toYaml(object)}</pre>
            </details>
          ))}
        </>
      )}
    </div>
  );
}
