import './csp/noEval.ts'; // first: before any module parses with zod
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Shell } from './components/Shell.tsx';
import { ClientContext } from './clientContext.ts';
import { startFeed } from './stores/feed.ts';
import { connectClient } from './transport/connect.ts';
import { installStyleNonce } from './csp/styleNonce.ts';
import './theme.css';

installStyleNonce();
const client = connectClient();
startFeed(client);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ClientContext.Provider value={client}>
      <Shell />
    </ClientContext.Provider>
  </StrictMode>,
);
