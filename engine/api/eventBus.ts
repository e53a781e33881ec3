// The engine's event stream: every event is checked against the contract and scrubbed of
// credentials before it leaves.
import type { EngineEvent } from './contract.ts';
import type { EventListener } from './client.ts';
import { parseEvent } from './validate.ts';
import { scrubDeep } from '../git/scrub.ts';

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: EngineEvent): void {
    const checked = scrubDeep(parseEvent(event));
    for (const listener of this.listeners) {
      try {
        listener(checked);
      } catch {
        // one broken listener must not stop the others from hearing the event
      }
    }
  }
}
