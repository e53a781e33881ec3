// The preload of the app window: exposes the contract as `window.plumbline` and nothing else.
// Calls go to the main process, which checks the sender and validates every payload.
import { contextBridge, ipcRenderer } from 'electron';
import { callChannel, eventChannel } from '../main/electron/policy.ts';

type Listener = (event: unknown) => void;
type Envelope = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

const listeners = new Set<Listener>();
ipcRenderer.on(eventChannel, (_event, payload: unknown) => {
  for (const listener of listeners) listener(payload);
});

contextBridge.exposeInMainWorld('plumbline', {
  async call(name: string, input?: unknown): Promise<unknown> {
    const envelope = (await ipcRenderer.invoke(callChannel, name, input ?? {})) as Envelope;
    if (envelope.ok) return envelope.value;
    throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
});
