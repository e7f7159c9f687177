import { routes } from '../../shared/contracts/http';
import { historyResponseSchema, type HistoryResponse } from '../../shared/domain/history';
import { api, queryString } from './http';

/** Whose history: one rep's or one team's (the sum of the reps it had each day). */
export type HistorySubjectQuery = { rep: string } | { team: string };

/** The request's path: also the history store's key. */
export const historyPath = (q: HistorySubjectQuery, days = 30) =>
  `${routes.history}${queryString({ ...('rep' in q ? { rep: q.rep } : { team: q.team }), days: String(days) })}`;

export const fetchHistory = (q: HistorySubjectQuery, days = 30) =>
  api.get<HistoryResponse>(historyPath(q, days), historyResponseSchema);
