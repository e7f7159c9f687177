import type { AlertMonitor } from '../alerts/alertMonitor';
import type { Gateway } from '../realtime/gateway';
import type { BusHandlers } from './busDispatch';

/** Who acts on what another instance (or this one) published. */
export function busHandlers(deps: {
  gateway: Pick<Gateway, 'noteAdded' | 'noteAcked' | 'endSessions' | 'teamNamesChanged' | 'reasonsChanged'>;
  alerts: Pick<AlertMonitor, 'onBus'>;
  refreshTargets: () => Promise<void>;
  /** A call-back was done, cancelled or reassigned through some instance: read it again. */
  callbackChanged: (call: string) => Promise<void>;
  /** A lead handoff was accepted by a person through some instance: read it again. */
  handoffChanged?: (lead: string) => Promise<void>;
}): BusHandlers {
  const { gateway, alerts } = deps;
  return {
    noteAdded: ({ note }) => gateway.noteAdded(note),
    noteAcked: ({ note }) => gateway.noteAcked(note),
    sessionsEnded: ({ keys, reason }) => gateway.endSessions(keys, reason),
    alertAcked: (message) => alerts.onBus(message),
    alertSettingsChanged: (message) => alerts.onBus(message),
    targetsChanged: deps.refreshTargets,
    callbackChanged: ({ call }) => deps.callbackChanged(call),
    teamNamesChanged: () => gateway.teamNamesChanged(),
    reasonsChanged: () => gateway.reasonsChanged(),
    handoffChanged: ({ lead }) => deps.handoffChanged?.(lead),
  };
}
