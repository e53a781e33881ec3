// The application's `spec.info` on its Summary, as Argo CD shows it: name and value, the value a
// link when it is an http(s) URL (opened outside the app, never with this page as its opener).
import type { AppSummary } from '../../../../../engine/api/contract.ts';
import { infoLink } from './infoLink.ts';
import './appInfo.css';

function InfoValue({ value }: { value: string }) {
  const href = infoLink(value);
  if (!href) return <>{value}</>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {value}
    </a>
  );
}

export function AppInfo({ info }: { info: AppSummary['info'] }) {
  return info.map(({ name, value }, index) => (
    <div key={index} className="contents app-info" data-testid="app-info">
      <dt>{name}</dt>
      <dd>
        <InfoValue value={value} />
      </dd>
    </div>
  ));
}
