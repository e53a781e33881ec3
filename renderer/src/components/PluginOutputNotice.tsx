// Shows, over every view, what a cluster's login plugin asks of the user: a device-code login
// prints a URL and a code there, and the connection waits until the user has used them.
import { usePluginOutput } from '../stores/pluginOutput.ts';
import './PluginOutputNotice.css';

export function PluginOutputNotice() {
  const { byCluster, dismiss } = usePluginOutput();
  const entries = Object.entries(byCluster);
  if (entries.length === 0) return null;
  return (
    <div className="plugin-output" role="status" aria-label="Login plugin output">
      {entries.map(([cluster, text]) => (
        <section key={cluster} className="plugin-output-entry">
          <header>
            <span>
              The login plugin of <strong>{cluster}</strong> says:
            </span>
            <button onClick={() => dismiss(cluster)} aria-label={`Dismiss the output of ${cluster}`}>
              ×
            </button>
          </header>
          <pre>{text.trimEnd()}</pre>
        </section>
      ))}
    </div>
  );
}
