// Gives views the engine client without importing a transport.
import { createContext, useContext } from 'react';
import type { PlumblineClient } from '../../engine/api/client.ts';

export const ClientContext = createContext<PlumblineClient | null>(null);

export function useClient(): PlumblineClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside ClientContext');
  return client;
}
