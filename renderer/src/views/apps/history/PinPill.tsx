// The mark of a pinned application in the Applications list.
import type { AppSummary } from '../../../../../engine/api/contract.ts';
import { shortSha } from './historyFormat.ts';
import './history.css';

export function PinPill({ app }: { app: AppSummary }) {
  if (!app.pin) return null;
  return (
    <span className="pill pill-warn" title={`Pinned since ${app.pin.since}; auto-sync suspended`}>
      pinned {shortSha(app.pin.revision)}
    </span>
  );
}
