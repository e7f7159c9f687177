import type { BusMessage } from './busMessage';

type Handler<T extends BusMessage['type']> = (message: Extract<BusMessage, { type: T }>) => void | Promise<void>;

/** Who acts on each kind of message; a new kind does not compile until it has a handler here. */
export interface BusHandlers {
  noteAdded: Handler<'note:added'>;
  noteAcked: Handler<'note:acked'>;
  sessionsEnded: Handler<'sessions:ended'>;
  alertAcked: Handler<'alert:acked'>;
  alertSettingsChanged: Handler<'alertSettings:changed'>;
  targetsChanged: Handler<'targets:changed'>;
  callbackChanged: Handler<'callback:changed'>;
  teamNamesChanged: Handler<'teamNames:changed'>;
  reasonsChanged: Handler<'reasons:changed'>;
  handoffChanged: Handler<'handoff:changed'>;
}

/** Routes each bus message to its handler; a failing handler is logged, never thrown into the subscriber. */
export function createBusDispatch(
  handlers: BusHandlers,
  onError: (message: BusMessage, error: unknown) => void,
): (message: BusMessage) => void {
  function route(message: BusMessage): void | Promise<void> {
    switch (message.type) {
      case 'note:added':
        return handlers.noteAdded(message);
      case 'note:acked':
        return handlers.noteAcked(message);
      case 'sessions:ended':
        return handlers.sessionsEnded(message);
      case 'alert:acked':
        return handlers.alertAcked(message);
      case 'alertSettings:changed':
        return handlers.alertSettingsChanged(message);
      case 'targets:changed':
        return handlers.targetsChanged(message);
      case 'callback:changed':
        return handlers.callbackChanged(message);
      case 'teamNames:changed':
        return handlers.teamNamesChanged(message);
      case 'reasons:changed':
        return handlers.reasonsChanged(message);
      case 'handoff:changed':
        return handlers.handoffChanged(message);
      default:
        return assertNever(message);
    }
  }
  return (message) => {
    try {
      void Promise.resolve(route(message)).catch((error: unknown) => onError(message, error));
    } catch (error) {
      onError(message, error);
    }
  };
}

function assertNever(value: never): never {
  throw new Error(`unhandled bus message ${JSON.stringify(value)}`);
}
