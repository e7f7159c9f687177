import type { HeardEvents, RealtimeSocket } from '../../../client/realtime/socket';
import type { ClientToServerEvents } from '../../../shared/contracts/socket';

type Listener = (...args: never[]) => void;

/** A socket stand-in: `serverSends` plays the server's side, `sent` records what the client emitted. */
export class FakeSocket {
  readonly sent: (keyof ClientToServerEvents)[] = [];
  disconnected = false;
  connects = 0;
  private readonly listeners = new Map<string, Set<Listener>>();

  on(event: string, listener: Listener): this {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return this;
  }

  off(event: string, listener: Listener): this {
    this.listeners.get(event)?.delete(listener);
    return this;
  }

  emit(event: keyof ClientToServerEvents): this {
    this.sent.push(event);
    return this;
  }

  connect(): this {
    this.connects++;
    return this;
  }

  disconnect(): this {
    this.disconnected = true;
    return this;
  }

  serverSends<E extends keyof HeardEvents>(event: E, ...args: Parameters<HeardEvents[E]>): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: typeof args) => void)(...args);
  }

  listenerCount(): number {
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }

  /** The fake is structurally what bindRealtime accepts; this keeps the claim checked by the compiler. */
  asSocket(): RealtimeSocket {
    return this;
  }
}
