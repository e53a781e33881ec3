// Gives a command a client of the engine for the length of its work, then shuts the engine down.
import type { PlumblineClient } from '../../engine/api/client.ts';
import { inProcessClient } from '../../engine/index.ts';
import { createNodeEngine } from '../host/nodeHost.ts';

export async function withEngine<T>(work: (client: PlumblineClient) => Promise<T>): Promise<T> {
  const engine = createNodeEngine({ renderOnStart: false });
  try {
    return await work(inProcessClient(engine));
  } finally {
    await engine.close();
  }
}
