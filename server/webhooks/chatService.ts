import { randomBytes } from 'node:crypto';
import type { Ack } from '../../shared/contracts/socket';
import {
  chatTargetUpdateSchema,
  newChatRuleSchema,
  newChatTargetSchema,
  type ChatAppsResponse,
  type ChatDeliveryView,
  type ChatRuleView,
  type ChatTargetView,
} from '../../shared/contracts/webhooks';
import type { Alert } from '../../shared/domain/alertTypes';
import { parseClockTime } from '../../shared/domain/targets';
import { firstIssue } from '../../shared/validation';
import type { Clock, DayKey, EpochMs } from '../../shared/time';
import type { Log } from '../log';
import type { ChatRepo, ChatStatus, OutboxMessage, StoredChatTarget } from '../redis/chatRepo';
import { hostProblem, systemResolve, type Resolve } from './addressCheck';
import { deliver, webhookUrlProblem, type DeliveryLimits } from './deliver';
import { alertMessage, summaryMessage, testMessage, type SummaryFacts } from './messageText';
import { vendorAccepted, vendorRequest, type ChatMessage } from './vendors';

/** Retries: the first after `baseMs`, each next twice as late, at most `capMs` apart, `maxAttempts` in all. */
export interface RetryPolicy {
  baseMs: number;
  capMs: number;
  maxAttempts: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 10_000, capMs: 15 * 60_000, maxAttempts: 8 };

export interface ChatServiceDeps {
  repo: ChatRepo;
  clock: Clock;
  localTime: { dayOf: (at: EpochMs) => DayKey; minuteOfDay: (at: EpochMs) => number };
  /** The figures of the floor (team null) or a team, for the summary. */
  summaryFacts: (team: string | null) => Promise<SummaryFacts>;
  teamName: (team: string) => Promise<string | null>;
  /** FLOORBOARD_PUBLIC_URL: links to the review page; null: no links. */
  publicUrl: string | null;
  allowLocalHttp: boolean;
  /** FLOORBOARD_WEBHOOK_ALLOW_PRIVATE: loopback, private, link-local … addresses allowed (demo, tests). */
  allowPrivate: boolean;
  /** The resolver of webhook hosts (the system's; tests give their own). */
  resolve?: Resolve;
  limits: DeliveryLimits;
  retry?: RetryPolicy;
  log: Log;
}

/** A summary is sent within this long after its time (a server started later that day still sends it). */
const SUMMARY_WINDOW_MIN = 60;
/** Alerts waiting to be routed; beyond this, the oldest are dropped (the floor never waits on chat apps). */
const ALERT_QUEUE = 1000;
const BATCH = 20;
/** How long an alert's routing at a severity is remembered (alert ids are per business day). */
const ROUTED_MS = 2 * 24 * 3_600_000;

function targetView(t: StoredChatTarget, status: ChatStatus | undefined): ChatTargetView {
  let host = '';
  try {
    host = new URL(t.url).origin;
  } catch {
    // stored only after validation
  }
  return {
    ...{ id: t.id, name: t.name, vendor: t.vendor, host, urlSet: true, secretSet: t.secret !== null },
    ...{ language: t.language, team: t.team, summaryAt: t.summaryAt, createdAt: t.createdAt },
    lastOkAt: status?.lastOkAt ?? null,
    lastErrorAt: status?.lastErrorAt ?? null,
    lastError: status?.lastError ?? null,
  };
}

function deliveryView(m: OutboxMessage): ChatDeliveryView {
  return {
    ...{ id: m.id, target: m.target, kind: m.kind, title: m.message.title, state: m.state },
    ...{ attempts: m.attempts, createdAt: m.createdAt, nextAt: m.state === 'pending' ? m.nextAt : null },
    ...{ sentAt: m.sentAt, lastError: m.lastError },
  };
}

/** An alert's key for the cool-down: its condition, without the `#2` of a later occurrence. */
export const alertKeyOf = (alert: Pick<Alert, 'id'>) => alert.id.replace(/#\d+$/, '');

const newId = () => randomBytes(8).toString('hex');

/**
 * Chat-bot delivery (issue #17, item 4): targets and alert rules a supervisor configures, an
 * outbox in Redis sent by a job with back-off, the end-of-shift summary at each target's time.
 * Nothing here runs inside an ingest batch: the alert monitor only hands raised alerts over.
 */
export function createChatService(deps: ChatServiceDeps) {
  const { repo, clock, log } = deps;
  const retry = deps.retry ?? DEFAULT_RETRY;
  const raised: Alert[] = [];
  /** Alerts raised to critical after they were raised as warnings: routed like raised ones, once. */
  const escalated: Alert[] = [];

  function linkFor(team: string | null, day: DayKey): string | null {
    if (!deps.publicUrl) return null;
    const query = new URLSearchParams({ day, ...(team ? { team } : {}) });
    return `${deps.publicUrl.replace(/\/+$/, '')}/review?${query.toString()}`;
  }

  async function enqueue(id: string, target: string, kind: OutboxMessage['kind'], message: ChatMessage) {
    const now = clock();
    return repo.enqueue({
      ...{ id, target, kind, message, state: 'pending', attempts: 0, createdAt: now, nextAt: now },
      ...{ sentAt: null, lastError: null },
    });
  }

  async function summaryOf(target: StoredChatTarget, day: DayKey): Promise<ChatMessage> {
    const facts = await deps.summaryFacts(target.team);
    const scope = target.team === null ? null : ((await deps.teamName(target.team)) ?? target.team);
    // Labelled with the day its figures are of (the live floor's business day).
    const of = facts.day || day;
    return summaryMessage({ ...facts, day: of, scope }, target.language, linkFor(target.team, of));
  }

  const reach = { allowPrivate: deps.allowPrivate, resolve: deps.resolve ?? systemResolve };

  /** A URL a target may be saved with: its form, then its host's addresses (sends check again). */
  async function checkedUrl(url: string): Promise<string | null> {
    const problem = webhookUrlProblem(url, deps.allowLocalHttp);
    if (problem || reach.allowPrivate) return problem;
    return hostProblem(new URL(url).hostname, reach.resolve);
  }

  async function sendOne(id: string): Promise<void> {
    if (!(await repo.claim(id, deps.limits.timeoutMs + 5_000))) return;
    try {
      const message = await repo.message(id);
      if (!message || message.state !== 'pending') return void (await repo.drop(id));
      const target = await repo.target(message.target);
      const now = clock();
      if (!target) {
        const error = 'the chat target was removed';
        return void (await repo.update({ ...message, state: 'failed', nextAt: null, lastError: error }));
      }
      const problem = webhookUrlProblem(target.url, deps.allowLocalHttp);
      const result = problem
        ? { error: problem, body: '' }
        : await deliver(vendorRequest(target.vendor, target, message.message, now), deps.limits, reach);
      const error = result.error ?? vendorAccepted(target.vendor, result.body);
      const attempts = message.attempts + 1;
      const at = clock();
      if (error === null) {
        await repo.update({ ...message, state: 'sent', attempts, nextAt: null, sentAt: at, lastError: null });
        await repo.recordStatus(target.id, { lastOkAt: at });
        return;
      }
      const last = attempts >= retry.maxAttempts;
      const wait = Math.min(retry.capMs, retry.baseMs * 2 ** (attempts - 1));
      await repo.update({
        ...message,
        ...{ state: last ? 'failed' : 'pending', attempts, nextAt: last ? null : at + wait, lastError: error },
      });
      await repo.recordStatus(target.id, { lastErrorAt: at, lastError: error });
      log.warn('chat message not delivered', { id, target: target.id, attempts, error, final: last });
    } finally {
      await repo.release(id);
    }
  }

  let sending: Promise<void> | null = null;
  /** One pass over the due messages (the 1 s job); overlapping calls share the running pass. */
  function sendDue(): Promise<void> {
    sending ??= (async () => {
      try {
        const ids = await repo.due(clock(), BATCH);
        await Promise.all(
          ids.map((id) => sendOne(id).catch((e: unknown) => log.warn('chat send failed', { id, error: String(e) }))),
        );
      } finally {
        sending = null;
      }
    })();
    return sending;
  }

  /**
   * Marks an alert as routed at its severity (Redis, every instance agrees); false when it already
   * was. A raise marks its severity, so an alert raised critical is never "escalated" by the
   * updates that follow it (acks, details); an escalation routes once however many instances see it.
   */
  const firstAtSeverity = (alert: Alert) =>
    repo.markRouted(`${deps.localTime.dayOf(alert.raisedAt)}:${alert.id}:${alert.severity}`, ROUTED_MS);

  async function routeAlerts(): Promise<void> {
    if (raised.length === 0 && escalated.length === 0) return;
    const alerts = raised.splice(0, raised.length).map((alert) => ({ alert, escalation: false }));
    alerts.push(...escalated.splice(0, escalated.length).map((alert) => ({ alert, escalation: true })));
    const [rules, targets] = [await repo.rules(), new Map((await repo.targets()).map((t) => [t.id, t]))];
    for (const { alert, escalation } of alerts) {
      // A raise is routed even if marked (the cool-down dedupes raises, as before); an escalation only once.
      if (!(await firstAtSeverity(alert)) && escalation) continue;
      // An escalation has its own cool-down key: the warning's does not hold the critical back.
      const key = escalation ? `${alertKeyOf(alert)}:${alert.severity}` : alertKeyOf(alert);
      for (const rule of rules) {
        const target = targets.get(rule.target);
        if (!target || !ruleMatches(rule, alert)) continue;
        if (!(await repo.startCooldown(rule.id, key, rule.cooldownMinutes * 60_000))) continue;
        const teamName = alert.team === null ? null : await deps.teamName(alert.team);
        const id = `alert:${rule.id}:${deps.localTime.dayOf(alert.raisedAt)}:${alert.id}${escalation ? `:${alert.severity}` : ''}`;
        await enqueue(id, target.id, 'alert', alertMessage(alert, teamName, target.language));
      }
    }
  }

  async function dueSummaries(): Promise<void> {
    const now = clock();
    const minute = Math.floor(deps.localTime.minuteOfDay(now));
    for (const target of await repo.targets()) {
      if (target.summaryAt === null) continue;
      const since = (minute - parseClockTime(target.summaryAt)! + 1440) % 1440;
      if (since >= SUMMARY_WINDOW_MIN) continue;
      // The day the summary time fell in (a time at the business day's start closes the day before).
      const day = deps.localTime.dayOf(now - since * 60_000 - (now % 60_000) - 1);
      const id = `summary:${target.id}:${day}`;
      if (await repo.message(id)) continue;
      await enqueue(id, target.id, 'summary', await summaryOf(target, day));
    }
  }

  return {
    /** The alert monitor raised an alert (any instance may): routed by the next job run, never here. */
    alertRaised(alert: Alert): void {
      raised.push(alert);
      if (raised.length > ALERT_QUEUE) raised.splice(0, raised.length - ALERT_QUEUE);
    },
    /**
     * The alert monitor updated an alert (any instance may): one still open and now critical is
     * an escalation when it was not routed as critical before (routed by the next job run).
     */
    alertUpdated(alert: Alert): void {
      if (alert.severity !== 'critical' || alert.clearedAt !== null) return;
      escalated.push(alert);
      if (escalated.length > ALERT_QUEUE) escalated.splice(0, escalated.length - ALERT_QUEUE);
    },
    /** The 1 s job: route raised alerts, then send what is due. */
    async tick(): Promise<void> {
      await routeAlerts();
      await sendDue();
    },
    /** The 30 s job: enqueue each target's summary once its time came today. */
    summaries: dueSummaries,
    sendDue,

    async view(): Promise<ChatAppsResponse> {
      const [targets, statuses, rules, recent] = await Promise.all([
        repo.targets(),
        repo.statuses(),
        repo.rules(),
        repo.recent(),
      ]);
      return {
        targets: targets.map((t) => targetView(t, statuses.get(t.id))),
        rules,
        deliveries: recent.map(deliveryView),
        linksOn: deps.publicUrl !== null,
      };
    },
    async addTarget(body: unknown): Promise<Ack<ChatTargetView>> {
      const parsed = newChatTargetSchema.safeParse(body);
      if (!parsed.success) return { ok: false, status: 400, error: firstIssue(parsed.error) };
      const problem = await checkedUrl(parsed.data.url);
      if (problem) return { ok: false, status: 400, error: problem };
      if ((await repo.targets()).length >= 50) return { ok: false, status: 409, error: 'at most 50 chat targets' };
      const target: StoredChatTarget = { id: newId(), ...parsed.data, createdAt: clock() };
      await repo.saveTarget(target);
      return { ok: true, value: targetView(target, undefined) };
    },
    async updateTarget(id: string, body: unknown): Promise<Ack<ChatTargetView>> {
      const parsed = chatTargetUpdateSchema.safeParse(body);
      if (!parsed.success) return { ok: false, status: 400, error: firstIssue(parsed.error) };
      const problem = parsed.data.url === undefined ? null : await checkedUrl(parsed.data.url);
      if (problem) return { ok: false, status: 400, error: problem };
      const was = await repo.target(id);
      if (!was) return { ok: false, status: 404, error: 'no such chat target' };
      const next = { ...was, ...parsed.data };
      await repo.saveTarget(next);
      return { ok: true, value: targetView(next, (await repo.statuses()).get(id)) };
    },
    async removeTarget(id: string): Promise<Ack<null>> {
      return (await repo.removeTarget(id))
        ? { ok: true, value: null }
        : { ok: false, status: 404, error: 'no such chat target' };
    },
    async addRule(body: unknown): Promise<Ack<ChatRuleView>> {
      const parsed = newChatRuleSchema.safeParse(body);
      if (!parsed.success) return { ok: false, status: 400, error: firstIssue(parsed.error) };
      if (!(await repo.target(parsed.data.target)))
        return { ok: false, status: 400, error: 'target: no such chat target' };
      if ((await repo.rules()).length >= 200) return { ok: false, status: 409, error: 'at most 200 alert rules' };
      const rule = { id: newId(), ...parsed.data };
      await repo.saveRule(rule);
      return { ok: true, value: rule };
    },
    async removeRule(id: string): Promise<Ack<null>> {
      return (await repo.removeRule(id))
        ? { ok: true, value: null }
        : { ok: false, status: 404, error: 'no such rule' };
    },
    /** "Send test" and "Send summary now": into the outbox like any message (the job sends it). */
    async sendNow(id: string, what: 'test' | 'summary'): Promise<Ack<ChatDeliveryView>> {
      const target = await repo.target(id);
      if (!target) return { ok: false, status: 404, error: 'no such chat target' };
      const day = deps.localTime.dayOf(clock());
      const message = what === 'test' ? testMessage(target.language) : await summaryOf(target, day);
      const messageId = `${what}:${target.id}:${newId()}`;
      await enqueue(messageId, target.id, what, message);
      const stored = await repo.message(messageId);
      void sendDue().catch(() => {});
      return { ok: true, value: deliveryView(stored!) };
    },
  };
}

function ruleMatches(rule: ChatRuleView, alert: Alert): boolean {
  if (rule.kinds.length > 0 && !rule.kinds.includes(alert.rule)) return false;
  if (rule.minSeverity === 'critical' && alert.severity !== 'critical') return false;
  return rule.team === null || rule.team === alert.team;
}

export type ChatService = ReturnType<typeof createChatService>;
