import type { AlertRule, AlertSeverity } from '../../shared/domain/alertTypes';
import type { HistoryFigures } from '../../shared/domain/history';
import type { DailyTargets } from '../../shared/domain/targets';
import type { ChatLanguage } from '../../shared/contracts/webhooks';
import type { ChatMessage } from './vendors';

/** What the end-of-shift summary says: figures only, never a customer, a number or a contact label. */
export interface SummaryFacts {
  day: string;
  /** The team's display name, or null for the whole floor. */
  scope: string | null;
  figures: HistoryFigures;
  targets: DailyTargets;
  /** The day's top refusal reasons, with their words in both languages (the code when nobody named it). */
  topReasons: { code: string; count: number; words?: { en: string; zh: string } }[];
  overdueCallbacks: number;
  openHandoffs: number;
  currency: string;
}

const WORDS = {
  en: {
    summary: (scope: string | null, day: string) => `End-of-shift summary: ${scope ?? 'the floor'}, ${day}`,
    targets: 'Targets against results',
    dials: 'Dials',
    effectiveCalls: 'Effective calls',
    talkMinutes: 'Talk time (min)',
    leads: 'Leads',
    deals: 'Deals',
    revenue: 'Revenue',
    funnel: 'Funnel',
    connects: 'connects',
    reasons: 'Top refusal reasons',
    none: 'none',
    overdue: (n: number) => `Overdue call-backs: ${n}`,
    handoffs: (n: number) => `Lead handoffs waiting: ${n}`,
    review: 'Open the daily review',
    alert: (rule: string, who: string) => `Alert: ${rule} (${who})`,
    severity: { warning: 'warning', critical: 'critical' },
    team: 'team',
    floor: 'floor',
    test: 'Test message from Floorboard: this chat app is set up.',
    testTitle: 'Floorboard test',
  },
  'zh-CN': {
    summary: (scope: string | null, day: string) => `下班小结：${scope ?? '销售现场'}，${day}`,
    targets: '目标与结果',
    dials: '外呼',
    effectiveCalls: '有效通话',
    talkMinutes: '通话时长（分钟）',
    leads: '意向客户',
    deals: '成交',
    revenue: '成交金额',
    funnel: '销售漏斗',
    connects: '接通',
    reasons: '主要拒绝原因',
    none: '无',
    overdue: (n: number) => `逾期预约回访：${n}`,
    handoffs: (n: number) => `待接收的线索移交：${n}`,
    review: '打开复盘',
    alert: (rule: string, who: string) => `提醒：${rule}（${who}）`,
    severity: { warning: '警告', critical: '严重' },
    team: '组',
    floor: '销售现场',
    test: 'Floorboard 测试消息：聊天应用已设置好。',
    testTitle: 'Floorboard 测试',
  },
} as const;

const RULES: Record<AlertRule, { en: string; 'zh-CN': string }> = {
  long_call: { en: 'long call', 'zh-CN': '通话过长' },
  long_wrapup: { en: 'long wrap-up', 'zh-CN': '话后处理过长' },
  long_pause: { en: 'pause over its allowance', 'zh-CN': '暂停超时' },
  idle: { en: 'idle', 'zh-CN': '空闲未外呼' },
  behind_pace: { en: 'behind pace', 'zh-CN': '进度落后' },
  not_logged_in: { en: 'not logged in', 'zh-CN': '未登录' },
  callback_overdue: { en: 'call-back overdue', 'zh-CN': '预约回访逾期' },
  source_silent: { en: 'call source silent', 'zh-CN': '话务数据源无数据' },
  caller_id_flagged: { en: 'caller ID connect rate dropped', 'zh-CN': '外显号码接通率骤降' },
  list_quality: { en: 'list with many invalid numbers', 'zh-CN': '名单空号率高' },
  list_running_dry: { en: 'list running dry', 'zh-CN': '名单即将耗尽' },
  missing_outcome: { en: 'calls without an outcome', 'zh-CN': '通话未填结果' },
  contact_frequency: { en: 'customer dialled too often', 'zh-CN': '同一客户拨打过多' },
  handoff_waiting: { en: 'handoff waiting', 'zh-CN': '线索移交待接收' },
};

/** Names come from events and settings: no markdown of theirs (a link, a heading) reaches a chat. */
export function plainName(name: string): string {
  return name
    .replace(/[[\]()<>`*_#|~\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
}

export function ruleLabel(rule: AlertRule, language: ChatLanguage): string {
  return RULES[rule][language];
}

const pct = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 100)}%` : '–');

export function summaryMessage(facts: SummaryFacts, language: ChatLanguage, link: string | null): ChatMessage {
  const w = WORDS[language];
  const f = facts.figures;
  const t = facts.targets;
  const money = (n: number) =>
    new Intl.NumberFormat(language, { style: 'currency', currency: facts.currency, maximumFractionDigits: 0 }).format(
      n,
    );
  const row = (label: string, value: string, target: string) => `- ${label}: ${value} / ${target}`;
  const talk = Math.round(f.talkSeconds / 60);
  const reasons = facts.topReasons.length
    ? facts.topReasons.map((r) => `${r.words?.[language === 'zh-CN' ? 'zh' : 'en'] ?? r.code} ${r.count}`).join(', ')
    : w.none;
  return {
    title: w.summary(facts.scope === null ? null : plainName(facts.scope), facts.day),
    lines: [
      `**${w.targets}**`,
      row(w.dials, String(f.dials), String(t.dials)),
      row(w.effectiveCalls, String(f.effectiveCalls), String(t.effectiveCalls)),
      row(w.talkMinutes, String(talk), String(t.talkMinutes)),
      row(w.leads, String(f.leads), String(t.leads)),
      row(w.deals, String(f.deals), String(t.deals)),
      row(w.revenue, money(f.revenue), money(t.revenue)),
      `**${w.funnel}**: ${w.dials} ${f.dials} → ${w.connects} ${f.connects} (${pct(f.connects, f.dials)}) → ` +
        `${w.effectiveCalls} ${f.effectiveCalls} (${pct(f.effectiveCalls, f.connects)}) → ` +
        `${w.leads} ${f.leads} (${pct(f.leads, f.effectiveCalls)}) → ${w.deals} ${f.deals} (${pct(f.deals, f.leads)})`,
      `**${w.reasons}**: ${reasons}`,
      w.overdue(facts.overdueCallbacks),
      w.handoffs(facts.openHandoffs),
    ],
    link: link ? { label: w.review, url: link } : null,
  };
}

/** An alert in plain words: the rule, the rep's name and team; never the detail (it may name a customer). */
export function alertMessage(
  alert: { rule: AlertRule; severity: AlertSeverity; repName: string; team: string | null },
  teamName: string | null,
  language: ChatLanguage,
): ChatMessage {
  const w = WORDS[language];
  const who = alert.team === null && alert.repName === '' ? w.floor : plainName(alert.repName);
  return {
    title: w.alert(ruleLabel(alert.rule, language), who),
    lines: [`${w.severity[alert.severity]} · ${plainName(teamName ?? alert.team ?? w.floor)}`],
    link: null,
  };
}

export function testMessage(language: ChatLanguage): ChatMessage {
  const w = WORDS[language];
  return { title: w.testTitle, lines: [w.test], link: null };
}
