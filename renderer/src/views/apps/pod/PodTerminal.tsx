// The Terminal part of a pod's panel: xterm on a `pods.exec.start` session. Keys go to the
// container, the size follows the panel, and closing the panel (or picking another container)
// ends the session. The container the user asked for (none: the pod's default) starts a session;
// the one the engine picked is only shown, so learning it never restarts the session.
import { useEffect, useRef, useState } from 'react';
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useClient } from '../../../clientContext.ts';
import './pod.css';
import { ContainerPicker } from './ContainerPicker.tsx';

/** xterm's colours from the page's theme (light or dark). */
function themeColours(): { background: string; foreground: string; cursor: string } {
  const style = getComputedStyle(document.documentElement);
  const colour = (name: string) => style.getPropertyValue(name).trim();
  return { background: colour('--bg'), foreground: colour('--text'), cursor: colour('--accent') };
}

export function PodTerminal({ appName, id }: { appName: string; id: string }) {
  const client = useClient();
  const host = useRef<HTMLDivElement>(null);
  const [requested, setRequested] = useState<string | undefined>(undefined);
  const [container, setContainer] = useState<string | undefined>(undefined);
  const [containers, setContainers] = useState<string[]>([]);
  const [status, setStatus] = useState('Connecting…');
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const terminal = new Terminal({
      cursorBlink: true,
      fontFamily: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace",
      fontSize: 13,
      theme: themeColours(),
    });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.open(element);
    fit.fit();
    setStatus('Connecting…');
    let sessionId: string | null = null;
    let closed = false;
    // Keys typed while the session is starting, sent once it is there.
    let starting = true;
    let pending = '';
    const send = (data: string) => {
      if (sessionId) void client.call('pods.exec.input', { sessionId, data }).catch(() => undefined);
    };
    const unsubscribe = client.subscribe((event) => {
      if (event.event === 'pods.exec.output' && event.payload.sessionId === sessionId) {
        terminal.write(event.payload.data);
      } else if (event.event === 'pods.exec.exit' && event.payload.sessionId === sessionId) {
        sessionId = null;
        setStatus(`Ended: ${event.payload.message}`);
      }
    });
    client
      .call('pods.exec.start', {
        name: appName,
        id,
        cols: terminal.cols,
        rows: terminal.rows,
        ...(requested ? { container: requested } : {}),
      })
      .then(
        (started) => {
          if (closed) {
            void client.call('pods.exec.stop', { sessionId: started.sessionId }).catch(() => undefined);
            return;
          }
          starting = false;
          sessionId = started.sessionId;
          setContainers(started.containers);
          setContainer(started.container);
          setStatus(`Connected to ${started.container}`);
          if (pending) send(pending);
          pending = '';
          terminal.focus();
        },
        (error: Error) => {
          starting = false;
          if (!closed) setStatus(error.message);
        },
      );
    const input = terminal.onData((data) => {
      if (sessionId) send(data);
      else if (starting) pending += data;
    });
    const resize = terminal.onResize(({ cols, rows }) => {
      if (sessionId) void client.call('pods.exec.resize', { sessionId, cols, rows }).catch(() => undefined);
    });
    const observer = new ResizeObserver(() => fit.fit());
    observer.observe(element);
    const stop = () => {
      if (sessionId) void client.call('pods.exec.stop', { sessionId }).catch(() => undefined);
      sessionId = null;
    };
    // A reload of the desktop window keeps the engine's connection: stop before the page goes.
    window.addEventListener('pagehide', stop);
    return () => {
      closed = true;
      window.removeEventListener('pagehide', stop);
      observer.disconnect();
      input.dispose();
      resize.dispose();
      unsubscribe();
      stop();
      terminal.dispose();
    };
  }, [client, appName, id, requested, attempt]);

  return (
    <section className="pod-terminal" aria-label="Terminal">
      <div className="pod-toolbar">
        <ContainerPicker containers={containers} value={container} onChange={setRequested} />
        <span className="subtle" role="status">
          {status}
        </span>
        <span className="toolbar-gap" />
        <button onClick={() => setAttempt((n) => n + 1)}>Reconnect</button>
      </div>
      <div className="pod-terminal-screen" ref={host} />
    </section>
  );
}
