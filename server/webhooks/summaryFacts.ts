import { namedRecord } from '../../shared/records';
import type { Viewer } from '../../shared/domain/viewer';
import type { FloorService } from '../floor/floorService';
import type { FeedbackService } from '../feedback/feedbackService';
import type { CallbackService } from '../callbacks/callbackService';
import type { HandoffService } from '../handoffs/handoffService';
import type { SummaryFacts } from './messageText';
import type { Catalogue } from '../../shared/domain/reasonCatalogue';
import { refusalWords } from '../../shared/domain/reasonLabels';

const FLOOR_READER: Viewer = { kind: 'user', username: 'chat-apps', role: 'supervisor' };
const TOP_REASONS = 3;

/**
 * The end-of-shift summary's facts for the floor (team null) or a team, from the live day: the
 * floor's totals and targets, the day's refusal reasons, overdue call-backs and waiting handoffs.
 * Counts only: no customer, phone number or contact label ever leaves here.
 */
export function createSummaryFacts(deps: {
  floor: Pick<FloorService, 'summary'>;
  feedback: Pick<FeedbackService, 'view'>;
  callbacks: Pick<CallbackService, 'overdueCounts'>;
  handoffs: Pick<HandoffService, 'repsWithOpen' | 'waitingOf'>;
  currency: string;
  /** The reason catalogue: the top reasons are named in words, as the screens name them. */
  catalogue: () => Promise<Pick<Catalogue, 'entries' | 'aliases'>>;
}) {
  return async (team: string | null): Promise<SummaryFacts> => {
    const summary = deps.floor.summary(team === null ? { kind: 'floor' } : { kind: 'team', team });
    const t = summary.totals;
    const feedback = await deps.feedback.view({ team, campaign: null, list: null });
    const catalogue = await deps.catalogue();
    const topReasons = feedback.reasons
      .filter((r) => r.today > 0)
      .sort((a, b) => b.today - a.today || (a.code < b.code ? -1 : 1))
      .slice(0, TOP_REASONS)
      .map((r) => ({
        ...{ code: r.code, count: r.today },
        words: { en: refusalWords(r.code, 'en', catalogue), zh: refusalWords(r.code, 'zh', catalogue) },
      }));
    const overdue = deps.callbacks.overdueCounts(FLOOR_READER);
    // Keyed by team ids ("__proto__" is a team like any other): only own keys count.
    const perTeam = overdue.ok ? overdue.value.teams : namedRecord<number>();
    const overdueCallbacks =
      team === null
        ? Object.values(perTeam).reduce((a, b) => a + b, 0)
        : Object.hasOwn(perTeam, team)
          ? perTeam[team]!
          : 0;
    let openHandoffs = 0;
    for (const rep of deps.handoffs.repsWithOpen())
      for (const item of deps.handoffs.waitingOf(rep))
        if (team === null || item.team === team || item.toTeam === team) openHandoffs++;
    return {
      day: summary.day ?? '',
      scope: team,
      figures: {
        ...{ dials: t.dials, connects: t.connects, effectiveCalls: t.effectiveCalls, talkSeconds: t.talkSeconds },
        ...{ leads: t.leads, deals: t.deals, revenue: t.revenue },
      },
      targets: t.targets,
      topReasons,
      overdueCallbacks,
      openHandoffs,
      currency: deps.currency,
    };
  };
}
