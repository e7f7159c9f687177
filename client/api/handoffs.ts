import { handoffRoutes, handoffsResponseSchema, handoffViewSchema } from '../../shared/domain/handoffs';
import { api, queryString } from './http';

/** Handoffs in reach: a rep's own, a lead's team (outgoing and incoming), a supervisor's filter. */
export const listHandoffs = (filter: { rep?: string; team?: string } = {}) =>
  api.get(`${handoffRoutes.list}${queryString(filter)}`, handoffsResponseSchema);

/** The receiving team's lead (or a supervisor) accepts a waiting lead. */
export const acceptHandoff = (lead: string) => api.post(handoffRoutes.accept(lead), undefined, handoffViewSchema);
