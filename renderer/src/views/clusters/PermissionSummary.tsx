// What a permission check found: all a sync needs, or the rights missing per namespace.
import type { PermissionReport } from '../../../../engine/api/contract.ts';

export function PermissionSummary({
  report,
  namespaces,
}: {
  report: PermissionReport;
  /** Where Plumbline will work; none: the whole cluster. */
  namespaces: readonly string[];
}) {
  return (
    <div className="permission-report" aria-label="Permission check">
      {report.ok ? (
        <p className="ok-text">
          ✓ Plumbline can get, list, watch, create, patch and delete{' '}
          {namespaces.length > 0 ? `in ${namespaces.join(', ')}` : 'across the whole cluster'}.
        </p>
      ) : (
        <>
          <p className="error">These credentials lack rights Plumbline needs:</p>
          <ul className="missing">
            {report.missing.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
