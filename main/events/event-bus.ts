import type { EventName, EventPayload } from '../../preload/contract';

type Listener = (event: EventName, payload: unknown) => void;

/** Main-side events for the UI. Transports (IPC, server-sent events) subscribe to all of them. */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
