import type { SourceEvent } from '../../../shared/events/callEvent';

type Block = Record<string, string | number>;

/** How a failed dial shows on an Asterisk: the far leg's Q.850 cause and Dial's DIALSTATUS. */
const FAILED: Record<string, { cause: number; text: string; status: string }> = {
  no_answer: { cause: 19, text: 'No answer', status: 'NOANSWER' },
  busy: { cause: 17, text: 'User busy', status: 'BUSY' },
  invalid: { cause: 1, text: 'Unallocated (unassigned) number', status: 'CHANUNAVAIL' },
};

interface Leg {
  rep: string;
  linkedid: string;
  repChannel: string;
  farChannel: string;
  answered: boolean;
  /** An unanswered call's hang-up waits for its outcome, which says how the dial failed. */
  hangupAt?: number;
}

/**
 * Plays contract events (the simulator's floor, a test's script) as the AMI events an Asterisk
 * would raise for them: queue membership and pauses, DialBegin/DialEnd, BridgeEnter, Hangup with
 * its cause, and the `FloorboardOutcome` user event for outcomes of answered calls. Each rep's
 * phone is the endpoint `endpointOf(rep)`; `timestamps` adds `Timestamp:` (timestampevents=yes).
 */
export function createAmiScript(endpointOf: (rep: string) => string, timestamps = true) {
  const calls = new Map<string, Leg>();
  let channelSeq = 0;
  const stamp = (at: number): Block => (timestamps ? { Timestamp: (at / 1000).toFixed(6) } : {});
  const event = (name: string, at: number, fields: Block): Block => ({
    Event: name,
    ...stamp(at),
    Privilege: 'call,all',
    ...fields,
  });
  const member = (rep: string) => ({
    Queue: 'sales',
    MemberName: rep,
    Interface: endpointOf(rep),
    StateInterface: endpointOf(rep),
  });
  const channel = (leg: Leg, side: 'rep' | 'far') => ({
    Channel: side === 'rep' ? leg.repChannel : leg.farChannel,
    Uniqueid: side === 'rep' ? leg.linkedid : `${leg.linkedid}1`,
    Linkedid: leg.linkedid,
  });
  const hangups = (leg: Leg, at: number, cause: number, text: string) => [
    event('Hangup', at, { ...channel(leg, 'far'), Cause: cause, 'Cause-txt': text }),
    event('Hangup', at, { ...channel(leg, 'rep'), Cause: cause, 'Cause-txt': text }),
  ];

  /** The AMI event blocks for one contract event (none for an event that only completes later). */
  return function play(e: SourceEvent): Block[] {
    switch (e.type) {
      case 'list.loaded': // the dialer's list, not the PBX's business
        return [];
      case 'rep.login':
        return [event('QueueMemberAdded', e.at, { ...member(e.rep), Membership: 'dynamic', Paused: 0 })];
      case 'rep.logout':
        return [event('QueueMemberRemoved', e.at, member(e.rep))];
      case 'rep.pause':
        return [event('QueueMemberPause', e.at, { ...member(e.rep), Paused: 1, PausedReason: e.reason })];
      case 'rep.ready':
        return [event('QueueMemberPause', e.at, { ...member(e.rep), Paused: 0, PausedReason: '' })];
      case 'call.dial': {
        const seq = (channelSeq += 2);
        const hex = (n: number) => n.toString(16).padStart(8, '0');
        const leg: Leg = {
          rep: e.rep,
          // A Linkedid is the first channel's Uniqueid: epoch seconds and a sequence number.
          linkedid: `${Math.floor(e.at / 1000)}.${seq}`,
          repChannel: `${endpointOf(e.rep)}-${hex(seq)}`,
          farChannel: `PJSIP/trunk-${hex(seq + 1)}`,
          answered: false,
        };
        calls.set(e.call, leg);
        return [
          event('DialBegin', e.at, {
            ...channel(leg, 'rep'),
            DestChannel: leg.farChannel,
            DestUniqueid: `${leg.linkedid}1`,
            DestLinkedid: leg.linkedid,
            DialString: `trunk/${e.call}`,
          }),
        ];
      }
      case 'call.answer': {
        const leg = calls.get(e.call);
        if (!leg) return [];
        leg.answered = true;
        return [
          event('DialEnd', e.at, { ...channel(leg, 'rep'), DestChannel: leg.farChannel, DialStatus: 'ANSWER' }),
          event('BridgeEnter', e.at, { ...channel(leg, 'rep'), BridgeUniqueid: leg.linkedid, BridgeNumChannels: 1 }),
          event('BridgeEnter', e.at, { ...channel(leg, 'far'), BridgeUniqueid: leg.linkedid, BridgeNumChannels: 2 }),
        ];
      }
      case 'call.hangup': {
        const leg = calls.get(e.call);
        if (!leg) return [];
        if (!leg.answered) return (void (leg.hangupAt = e.at), []);
        return hangups(leg, e.at, 16, 'Normal Clearing');
      }
      case 'lead.handoff':
      case 'lead.accepted':
      case 'lead.rejected':
      case 'lead.closed':
        return []; // a PBX knows no lead handoffs
      case 'call.outcome': {
        const leg = calls.get(e.call);
        calls.delete(e.call);
        if (!leg) return [];
        const failed = FAILED[e.outcome];
        if (!leg.answered && failed) {
          const at = leg.hangupAt ?? e.at;
          return [
            ...hangups(leg, at, failed.cause, failed.text).slice(0, 1),
            event('DialEnd', at, { ...channel(leg, 'rep'), DestChannel: leg.farChannel, DialStatus: failed.status }),
            ...hangups(leg, at, failed.cause, failed.text).slice(1),
          ];
        }
        const details: Block = {};
        if (e.amount !== undefined) details.Amount = e.amount;
        if (e.reason !== undefined) details.Reason = e.reason;
        if (e.followUpAt !== undefined) details.FollowUpAt = e.followUpAt;
        if (e.contact !== undefined) details.Contact = e.contact;
        const disposition = event('UserEvent', e.at, {
          ...channel(leg, 'rep'),
          UserEvent: 'FloorboardOutcome',
          Outcome: e.outcome,
          ...details,
        });
        disposition.Privilege = 'user,all';
        // An unanswered call with a CRM outcome (rare): hang it up first, as it was.
        return leg.answered
          ? [disposition]
          : [...hangups(leg, leg.hangupAt ?? e.at, 16, 'Normal Clearing'), disposition];
      }
    }
  };
}
