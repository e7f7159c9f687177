import { defineStore } from 'pinia';
import { computed, ref, shallowRef, triggerRef } from 'vue';
import { OFF_THE_WALL_RULES, type Alert, type GoodNews } from '../../shared/domain/alertTypes';
import * as alertsApi from '../api/alerts';
import type { ApiResult } from '../api/http';

/** How long each celebration stays up before the next one in the queue. */
export const GOOD_NEWS_MS = 5000;

/** At most this many celebrations wait in line; older ones are dropped (a burst of sales). */
export const GOOD_NEWS_QUEUE_MAX = 10;

const severityRank = (a: Alert) => (a.severity === 'critical' ? 1 : 0);
const newestFirst = (a: Alert, b: Alert) => b.raisedAt - a.raisedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** Alerts of the viewer's scope (floor or team) for today, kept live by the socket. */
export const useAlertsStore = defineStore('alerts', () => {
  const byId = shallowRef(new Map<string, Alert>());
  const loadError = ref<string | null>(null);
  const loaded = ref(false);
  /** Celebrations waiting to be shown, the first one on screen. */
  const goodNews = ref<GoodNews[]>([]);
  const seenNews = new Set<string>();
  /** Counts live alerts that turned critical (raised so, or escalated): what the optional sound follows. */
  const criticalRaised = ref(0);
  /** Live copies received while a load is in flight: the answer may predate them. */
  let liveDuringLoad: Map<string, Alert> | null = null;
  let loadSeq = 0;

  const all = computed(() => [...byId.value.values()]);
  /** Open now, newest first. */
  const active = computed(() => all.value.filter((a) => a.clearedAt === null).sort(newestFirst));
  /** Cleared today, most recently cleared first. */
  const history = computed(() =>
    all.value
      .filter((a) => a.clearedAt !== null)
      .sort((a, b) => (b.clearedAt ?? 0) - (a.clearedAt ?? 0) || newestFirst(a, b)),
  );
  /** The most pressing open alert of each rep (critical first, then newest). */
  const mostPressing = (list: Alert[]) => {
    const map = new Map<string, Alert>();
    for (const alert of list) {
      const known = map.get(alert.rep);
      if (!known || severityRank(alert) > severityRank(known)) map.set(alert.rep, alert);
    }
    return map;
  };
  const activeByRep = computed(() => mostPressing(active.value));
  /** What the wall and the TV show: a rep's own follow-ups stay on the console and /me. */
  const wallActive = computed(() => active.value.filter((a) => !OFF_THE_WALL_RULES.has(a.rule)));
  const wallActiveByRep = computed(() => mostPressing(wallActive.value));

  /** Inserts or replaces by id; an acknowledgement or a clearing is never undone by an older copy. */
  function upsert(alert: Alert): boolean {
    const known = byId.value.get(alert.id);
    let merged = alert;
    if (known) {
      merged = { ...alert };
      if (known.ackAt !== null && alert.ackAt === null) {
        merged.ackAt = known.ackAt;
        merged.ackBy = known.ackBy;
      }
      if (known.clearedAt !== null && alert.clearedAt === null) merged.clearedAt = known.clearedAt;
    }
    byId.value.set(alert.id, merged);
    liveDuringLoad?.set(alert.id, merged);
    triggerRef(byId);
    return known === undefined;
  }

  /** Today's alerts from the server; it is the authority, so what it no longer lists goes. */
  async function load(): Promise<boolean> {
    const seq = ++loadSeq;
    const live = (liveDuringLoad ??= new Map());
    const result = await alertsApi.fetchAlerts();
    if (seq !== loadSeq) return false; // a newer load answers instead
    liveDuringLoad = null;
    if (!result.ok) {
      loadError.value = result.error;
      return false;
    }
    loadError.value = null;
    loaded.value = true;
    byId.value = new Map();
    for (const alert of [...result.value.history, ...result.value.active, ...live.values()]) upsert(alert);
    return true;
  }

  /** Socket `alert:raised`. */
  function onRaised(alert: Alert): boolean {
    const wasCritical = byId.value.get(alert.id)?.severity === 'critical';
    const isNew = upsert(alert);
    if (alert.severity === 'critical' && alert.clearedAt === null && !wasCritical) criticalRaised.value++;
    return isNew;
  }

  /** Socket `alert:updated` (acknowledged, cleared, severity changed). */
  function onUpdated(alert: Alert): void {
    const known = byId.value.get(alert.id);
    upsert(alert);
    if (known && known.severity !== 'critical' && alert.severity === 'critical' && alert.clearedAt === null)
      criticalRaised.value++;
  }

  /** Acknowledges as the signed-in person; the server's reason comes back on refusal. */
  async function acknowledge(id: string): Promise<ApiResult<Alert>> {
    const result = await alertsApi.acknowledgeAlert(id);
    if (result.ok) upsert(result.value);
    return result;
  }

  /** Socket `news:posted`: queued once per id, however often it is delivered. */
  function onGoodNews(news: GoodNews): void {
    if (seenNews.has(news.id)) return;
    seenNews.add(news.id);
    const queue = [...goodNews.value, news];
    goodNews.value = queue.length > GOOD_NEWS_QUEUE_MAX ? [queue[0]!, ...queue.slice(-GOOD_NEWS_QUEUE_MAX + 1)] : queue;
  }

  /** The banner is done with the celebration on screen: the next one comes up. */
  function nextGoodNews(id: string): void {
    if (goodNews.value[0]?.id === id) goodNews.value = goodNews.value.slice(1);
  }

  /** Forgets everything, e.g. on sign-out. */
  function reset(): void {
    loadSeq++;
    liveDuringLoad = null;
    byId.value = new Map();
    loadError.value = null;
    loaded.value = false;
    goodNews.value = [];
    seenNews.clear();
  }

  return {
    alerts: byId,
    active,
    history,
    activeByRep,
    wallActive,
    wallActiveByRep,
    loaded,
    loadError,
    goodNews,
    criticalRaised,
    upsert,
    load,
    onRaised,
    onUpdated,
    acknowledge,
    onGoodNews,
    nextGoodNews,
    reset,
  };
});
