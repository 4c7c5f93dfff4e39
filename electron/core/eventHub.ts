// Pushed API events fan out from here to every connected client (IPC window, WebSocket clients).
import type { ApiEventMessage, ApiEventName, ApiEventPayload } from '../../shared/api/contract';

export type EventListener = (message: ApiEventMessage) => void;

export class EventHub {
  private readonly listeners = new Set<EventListener>();

  emit<E extends ApiEventName>(event: E, payload: ApiEventPayload<E>): void {
    const message = { event, payload } as ApiEventMessage;
    for (const listener of [...this.listeners]) {
      try {
        listener(message);
      } catch (error) {
        // One broken client must not stop the others from hearing about a commit.
        console.error(`event listener failed on ${event}:`, error);
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }
}
