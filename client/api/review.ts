import { reviewResponseSchema, reviewRoutes, type ReviewResponse } from '../../shared/contracts/review';
import { api, queryString } from './http';

/** What a review asks for: a day or a week (its Monday), and optionally a team or one rep. */
export interface ReviewAsk {
  day?: string;
  week?: string;
  team?: string;
  rep?: string;
}

/** GET /api/review: the server decides what the viewer may see (403 otherwise). */
export const fetchReview = (ask: ReviewAsk) =>
  api.get<ReviewResponse>(`${reviewRoutes.review}${queryString({ ...ask })}`, reviewResponseSchema);
