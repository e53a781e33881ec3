// What a connection test found, as a check list, and its problem in plain words.
import type { ConnectionReport } from '../../../../engine/api/contract.ts';
import { Check } from './Check.tsx';

export function ConnectionChecks({ report }: { report: ConnectionReport }) {
  return (
    <>
      <ul className="checks" aria-label="Connection test">
        <Check ok={report.reachable} label="The API server answers" />
        <Check ok={report.tlsTrusted} pending={!report.reachable} label="Its TLS certificate is trusted" />
        <Check ok={report.authenticated} pending={!report.tlsTrusted} label="The credentials are accepted" />
        <Check
          ok={report.serverVersion !== null}
          pending={!report.authenticated}
          label={report.serverVersion ? `Kubernetes ${report.serverVersion}` : 'Server version'}
        />
      </ul>
      {report.problem && (
        <p className="error problem" role="alert">
          {report.problem}
        </p>
      )}
    </>
  );
}
