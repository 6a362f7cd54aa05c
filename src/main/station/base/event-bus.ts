import { events, type EventName, type EventPayload } from '../../../shared/contract';

type Listener = (event: EventName, payload: unknown) => void;

/** Fan-out of contract events to every connected window; payloads are validated when published. */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  publish<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const checked = events[event].parse(payload);
    for (const listener of this.listeners) listener(event, checked);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
