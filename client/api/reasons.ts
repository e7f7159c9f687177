import {
  feedbackResponseSchema,
  feedbackRoutes,
  unknownCodesResponseSchema,
  type FeedbackResponse,
} from '../../shared/contracts/feedback';
import { catalogueResponseSchema, type Catalogue, type CatalogueUpdate } from '../../shared/domain/reasonCatalogue';
import { api, queryString } from './http';

/** The reason and feedback-tag catalogue (everyone signed in). */
export const fetchReasonCatalogue = () => api.get<Catalogue>(feedbackRoutes.reasons, catalogueResponseSchema);

/** Saves the whole catalogue, edited from `version` (supervisor); 409 when someone saved meanwhile. */
export const saveReasonCatalogue = (update: CatalogueUpdate) =>
  api.put<Catalogue>(feedbackRoutes.reasons, update, catalogueResponseSchema);

/** Codes seen in the last 14 days that the catalogue does not know (supervisor). */
export const fetchUnknownCodes = () => api.get(feedbackRoutes.unknownCodes, unknownCodesResponseSchema);

/** The market-feedback view: a supervisor any team or the floor, a lead their own team. */
export const fetchFeedback = (filters: { team?: string | null; campaign?: string | null; list?: string | null }) =>
  api.get<FeedbackResponse>(`${feedbackRoutes.feedback}${queryString(filters)}`, feedbackResponseSchema);
