import type { FeedbackResponse, UnknownCodesResponse } from '../../shared/contracts/feedback';
import { addDays, isoWeek } from '../../shared/domain/calendar';
import { codeResolver } from '../../shared/domain/reasonCatalogue';
import type { Clock, DayKey, EpochMs } from '../../shared/time';
import type { FeedbackRepo } from '../redis/feedbackRepo';
import type { ReasonCatalogueRepo } from '../redis/reasonCatalogueRepo';
import { SEP } from '../redis/feedbackRepo';
import { feedbackView, type FeedbackFilters } from './feedbackView';

export interface FeedbackService {
  view(filters: FeedbackFilters): Promise<FeedbackResponse>;
  /** Codes seen in the last 14 days that the catalogue does not know (nor any alias). */
  unknownCodes(): Promise<UnknownCodesResponse>;
}

const MAX_UNKNOWN_LISTED = 200;

export function createFeedbackService(deps: {
  repo: Pick<FeedbackRepo, 'counts' | 'samples'>;
  catalogue: Pick<ReasonCatalogueRepo, 'get'>;
  dayOf: (at: EpochMs) => DayKey;
  clock: Clock;
}): FeedbackService {
  /** Last week's Monday to this week's Sunday. */
  function fortnight(today: DayKey): DayKey[] {
    const monday = addDays(isoWeek(today).monday, -7);
    return Array.from({ length: 14 }, (_, i) => addDays(monday, i));
  }
  return {
    async view(filters) {
      const now = deps.clock();
      const today = deps.dayOf(now);
      const days = fortnight(today);
      const [counts, samples, catalogue] = await Promise.all([
        deps.repo.counts(days),
        deps.repo.samples(days.slice(7)),
        deps.catalogue.get(),
      ]);
      const allSamples = [...days.slice(0, 7).map(() => new Map()), ...samples];
      return feedbackView({ today, days, counts, samples: allSamples }, filters, codeResolver(catalogue), now);
    },
    async unknownCodes() {
      const today = deps.dayOf(deps.clock());
      const days = Array.from({ length: 14 }, (_, i) => addDays(today, i - 13));
      const [counts, catalogue] = await Promise.all([deps.repo.counts(days), deps.catalogue.get()]);
      const resolver = codeResolver(catalogue);
      const seen = new Map<string, { code: string; kind: 'refusal' | 'tag'; count: number; lastSeen: DayKey }>();
      counts.forEach((byField, i) => {
        for (const [field, n] of byField) {
          const parts = field.split(SEP);
          if (parts.length !== 5 || n <= 0) continue;
          const code = parts[4]!;
          if (code === '*' || resolver.resolve(code) !== null) continue;
          const kind = parts[0] === 't' ? 'tag' : 'refusal';
          const key = `${kind}${SEP}${code}`;
          const row = seen.get(key) ?? { code, kind, count: 0, lastSeen: days[i]! };
          row.count += n;
          row.lastSeen = days[i]!;
          seen.set(key, row);
        }
      });
      const codes = [...seen.values()]
        .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1))
        .slice(0, MAX_UNKNOWN_LISTED);
      return { codes };
    },
  };
}
