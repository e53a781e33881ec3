// A set's progressive sync (strategy RollingSync): which step rolls out, what is wrong with the
// steps, and each application's status on the set (Waiting, Pending, Progressing, Healthy) by step.
import type { AppSetSummary } from '../../../../engine/api/contract.ts';

type Rollout = NonNullable<AppSetSummary['rollout']>;

const badgeClass: Record<Rollout['applications'][number]['status'], string> = {
  Waiting: 'badge',
  Pending: 'badge busy',
  Progressing: 'badge busy',
  Healthy: 'badge ok',
};

/** Step order, then name; the applications no step selects ("-1") last. */
const stepRank = (step: string) => (step === '-1' ? Number.MAX_SAFE_INTEGER : Number(step));

export function RolloutSteps({ rollout }: { rollout: Rollout }) {
  const rows = [...rollout.applications].sort(
    (a, b) => stepRank(a.step) - stepRank(b.step) || (a.application < b.application ? -1 : 1),
  );
  return (
    <div className="rollout" aria-label="Progressive sync">
      <p>
        <strong>RollingSync</strong> in {rollout.steps} step{rollout.steps === 1 ? '' : 's'} —{' '}
        <span className={rollout.progressing.active ? 'warning' : 'subtle'}>
          {rollout.progressing.message}
        </span>
      </p>
      {rollout.invalidConfig && (
        <p className="condition warning">
          <strong>InvalidRolloutConfig</strong> {rollout.invalidConfig}
        </p>
      )}
      {rows.length > 0 && (
        <table className="table rollout-apps">
          <thead>
            <tr>
              <th>Step</th>
              <th>Application</th>
              <th>Rollout status</th>
              <th>Message</th>
              <th>Since</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.application}>
                <td>{row.step === '-1' ? 'none (sync by hand)' : row.step}</td>
                <td className="mono">{row.application}</td>
                <td>
                  <span className={badgeClass[row.status]}>{row.status}</span>
                </td>
                <td className="subtle">{row.message}</td>
                <td className="subtle">{new Date(row.lastTransitionTime).toLocaleTimeString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
