import { createHash } from 'node:crypto';
import { callIdSchema, idSchema, type SourceEvent } from '../../../shared/events/callEvent';
import type { AgentDirectory } from '../freeswitch/agents';
import { outcomeEvent, parseFollowUp } from '../freeswitch/contract';
import { VICIDIAL_PAUSE_CODES, type MapFile, type StatusMeaning } from './statuses';

/** A row that cannot be imported; the message is what the integrator reads (with the line). */
export class RowError extends Error {}

export interface RowResult {
  events: SourceEvent[];
  /** The row is not the floor's (a dialer row without an agent). */
  skipped?: boolean;
  /** A status with no known meaning (counted for the summary). */
  unmapped?: string;
  /** A detail dropped from an outcome that still counts. */
  problem?: string;
}

type Row = Record<string, string>;
type Lookup = (code: string) => StatusMeaning | undefined;

/** Users VICIdial writes for calls no agent took (the dialer's own). */
const DIALER_USERS = new Set(['VDAD', 'VDCL', '']);

/** A deterministic call id: the source's own id when the contract takes it, else its hash. */
export function callId(prefix: string, sourceId: string): string {
  const plain = `${prefix}-${sourceId}`;
  if (callIdSchema.safeParse(plain).success) return plain;
  return `${prefix}-h${createHash('sha256').update(sourceId).digest('hex').slice(0, 32)}`;
}

function epochSeconds(row: Row, column: string, required: boolean): number | undefined {
  const value = (row[column] ?? '').trim();
  if (value === '' || value === '0' || value.toUpperCase() === 'NULL') {
    if (required) throw new RowError(`${column}: missing`);
    return undefined;
  }
  if (!/^\d{9,10}$/.test(value)) throw new RowError(`${column}: "${value.slice(0, 30)}" is not epoch seconds`);
  return Number(value) * 1000;
}

function seconds(row: Row, column: string): number {
  const value = (row[column] ?? '').trim();
  if (value === '') return 0;
  if (!/^\d{1,7}$/.test(value)) throw new RowError(`${column}: "${value.slice(0, 30)}" is not a number of seconds`);
  return Number(value);
}

/** A time cell of a generic file: epoch seconds, epoch ms, or ISO-8601 with a zone (never a guessed one). */
export function parseTime(value: string, column: string): number {
  const text = value.trim();
  let ms = NaN;
  if (/^\d{9,10}(\.\d{1,6})?$/.test(text)) ms = Math.round(Number(text) * 1000);
  else if (/^\d{12,13}$/.test(text)) ms = Number(text);
  else if (/^\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/i.test(text))
    ms = Date.parse(text.replace(' ', 'T'));
  if (!Number.isFinite(ms))
    throw new RowError(`${column}: "${text.slice(0, 30)}" is not epoch seconds, epoch ms or ISO-8601 with a zone`);
  return ms;
}

function repOf(user: string, agents: AgentDirectory | undefined) {
  const agent = agents?.find([user]);
  if (agent) return agent;
  if (idSchema.safeParse(user).success) return { rep: user };
  throw new RowError(`user "${user.slice(0, 30)}" is not a rep id (A-Za-z0-9._-): map it in --agents`);
}

function callEvents(
  rep: string,
  call: string,
  times: { dial: number; answer?: number; hangup: number; outcomeAt: number },
  meaning: StatusMeaning | undefined,
  details: { amount?: string; reason?: string; followUpAt?: string; contact?: string } = {},
): { events: SourceEvent[]; problem?: string } {
  if (times.hangup < times.dial) throw new RowError('the call ends before it starts');
  const events: SourceEvent[] = [{ type: 'call.dial', rep, call, at: times.dial }];
  if (times.answer !== undefined) events.push({ type: 'call.answer', rep, call, at: times.answer });
  events.push({ type: 'call.hangup', rep, call, at: times.hangup });
  if (!meaning?.outcome) return { events };
  const outcome: Extract<SourceEvent, { type: 'call.outcome' }> = {
    type: 'call.outcome',
    rep,
    call,
    at: times.outcomeAt,
    outcome: meaning.outcome,
  };
  if (meaning.outcome === 'sale' && details.amount) outcome.amount = Number(details.amount.replace(/,/g, ''));
  if (meaning.outcome === 'refused') {
    const reason = details.reason || meaning.reason;
    if (reason) outcome.reason = reason;
  }
  if (meaning.outcome === 'callback') {
    if (details.followUpAt) outcome.followUpAt = parseFollowUp(details.followUpAt) ?? NaN;
    if (details.contact) outcome.contact = details.contact;
  }
  const checked = outcomeEvent(outcome);
  events.push(checked.event);
  return checked.problem ? { events, problem: checked.problem } : { events };
}

/** One `vicidial_log` row: a call (dial, answer when an agent talked, hangup, outcome from its status). */
export function vicidialLogRow(row: Row, lookup: Lookup, agents: AgentDirectory | undefined): RowResult {
  const user = (row.user ?? '').trim();
  if (DIALER_USERS.has(user.toUpperCase())) return { events: [], skipped: true };
  const { rep } = repOf(user, agents);
  const uniqueid = (row.uniqueid ?? '').trim();
  if (!uniqueid) throw new RowError('uniqueid: missing');
  const status = (row.status ?? '').trim();
  if (!status) throw new RowError('status: missing');
  const start = epochSeconds(row, 'start_epoch', true)!;
  const length = seconds(row, 'length_in_sec');
  const end = epochSeconds(row, 'end_epoch', false) ?? start + length * 1000;
  const meaning = lookup(status);
  const answered = meaning ? meaning.answered : length > 0;
  const result = callEvents(
    rep,
    callId('vd', uniqueid),
    { dial: start, answer: answered ? start : undefined, hangup: end, outcomeAt: end },
    meaning,
  );
  return { ...result, ...(meaning ? {} : { unmapped: status }) };
}

/**
 * One `vicidial_agent_log` row: the agent's cycle (pause → wait → talk → dispo). Gives the pause
 * (reason from the pause code) and the ready, a log-in at the user's first row, and the talked
 * call (same call id as in vicidial_log, so importing both counts it once).
 */
export function vicidialAgentRow(
  row: Row,
  lookup: Lookup,
  agents: AgentDirectory | undefined,
  pauseCodes: MapFile['pauseCodes'],
  seen: Set<string>,
): RowResult {
  const user = (row.user ?? '').trim();
  if (DIALER_USERS.has(user.toUpperCase())) return { events: [], skipped: true };
  const agent = repOf(user, agents);
  const rep = agent.rep;
  const pauseAt = epochSeconds(row, 'pause_epoch', false);
  const waitAt = epochSeconds(row, 'wait_epoch', false);
  const talkAt = epochSeconds(row, 'talk_epoch', false);
  const dispoAt = epochSeconds(row, 'dispo_epoch', false);
  const first = pauseAt ?? waitAt ?? talkAt ?? dispoAt;
  if (first === undefined) throw new RowError('no pause_epoch, wait_epoch, talk_epoch or dispo_epoch');
  const events: SourceEvent[] = [];
  if (!seen.has(rep)) {
    seen.add(rep);
    const login: SourceEvent = { type: 'rep.login', rep, at: first };
    if (agent.name) login.name = agent.name;
    const group = (row.user_group ?? '').trim();
    const team = agent.team ?? (idSchema.safeParse(group).success ? group : undefined);
    if (team) login.team = team;
    events.push(login);
  }
  if (pauseAt !== undefined && seconds(row, 'pause_sec') > 0) {
    const code = (row.sub_status ?? '').trim().toUpperCase();
    const reason = pauseCodes[code] ?? VICIDIAL_PAUSE_CODES[code] ?? 'other';
    events.push({ type: 'rep.pause', rep, at: pauseAt, reason });
    if (waitAt !== undefined) events.push({ type: 'rep.ready', rep, at: waitAt });
  }
  const talk = seconds(row, 'talk_sec');
  const uniqueid = (row.uniqueid ?? '').trim();
  const status = (row.status ?? '').trim();
  if (talkAt === undefined || talk === 0 || !uniqueid || !status) return { events };
  const meaning = lookup(status);
  const hangup = talkAt + talk * 1000;
  const call = callEvents(
    rep,
    callId('vd', uniqueid),
    { dial: talkAt, answer: talkAt, hangup, outcomeAt: Math.max(dispoAt ?? hangup, hangup) },
    meaning,
  );
  return {
    events: [...events, ...call.events],
    ...(call.problem ? { problem: call.problem } : {}),
    ...(meaning ? {} : { unmapped: status }),
  };
}

/** One row of a generic file, read through the map file's `columns`. */
export function genericRow(
  row: Row,
  columns: NonNullable<MapFile['columns']>,
  lookup: Lookup,
  agents: AgentDirectory | undefined,
): RowResult {
  const cell = (name: keyof typeof columns) => {
    const column = columns[name];
    return column ? (row[column] ?? '').trim() : '';
  };
  const id = cell('call');
  if (!id) throw new RowError(`${columns.call}: missing`);
  const user = cell('rep');
  if (!user) throw new RowError(`${columns.rep}: missing`);
  const { rep } = repOf(user, agents);
  const start = parseTime(cell('start'), columns.start);
  const answerText = cell('answer');
  const answer = answerText ? parseTime(answerText, columns.answer!) : undefined;
  const endText = cell('end');
  const talkText = cell('talkSeconds');
  if (talkText && !/^\d{1,7}$/.test(talkText))
    throw new RowError(`${columns.talkSeconds}: "${talkText}" is not seconds`);
  const status = cell('status');
  const meaning = status ? lookup(status) : undefined;
  const answeredAt = answer ?? (meaning?.answered ? start : undefined);
  let hangup = start;
  if (endText) hangup = parseTime(endText, columns.end!);
  else if (talkText) hangup = (answeredAt ?? start) + Number(talkText) * 1000;
  else if (answeredAt !== undefined) throw new RowError('an answered call needs an end time or talk seconds');
  if (answeredAt !== undefined && answeredAt > hangup) throw new RowError('the call is answered after it ends');
  const result = callEvents(
    rep,
    callId('csv', id),
    { dial: start, answer: answeredAt, hangup, outcomeAt: hangup },
    meaning,
    {
      amount: cell('amount'),
      reason: cell('reason'),
      followUpAt: cell('followUpAt'),
      contact: cell('contact'),
    },
  );
  return { ...result, ...(status && !meaning ? { unmapped: status } : {}) };
}
