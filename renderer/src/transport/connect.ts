// Picks the transport: the desktop app's preload bridge when present, else the headless host's
// WebSocket. Both implement the same client type.
import type { PlumblineClient } from '../../../engine/api/client.ts';
import { webSocketClient } from './webSocketClient.ts';

declare global {
  interface Window {
    plumbline?: PlumblineClient;
  }
}

const tokenKey = 'plumbline.token';

/** The token arrives in the URL fragment once; keep it for reloads of this tab, then hide it. */
function takeToken(): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(tokenKey, fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(tokenKey) ?? '';
}

export function connectClient(): PlumblineClient {
  if (window.plumbline) return window.plumbline;
  const socketUrl = new URL('api', window.location.href);
  socketUrl.protocol = socketUrl.protocol === 'https:' ? 'wss:' : 'ws:';
  socketUrl.searchParams.set('token', takeToken());
  return webSocketClient(socketUrl.toString());
}
