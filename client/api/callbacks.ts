import {
  callbackRoutes,
  callbacksResponseSchema,
  callbackViewSchema,
  overdueCountsSchema,
  type CallbackAction,
} from '../../shared/domain/callbacks';
import { api, queryString } from './http';

/** Open call-backs in reach: a rep's own, a lead's team (or one rep of it), a supervisor's filter. */
export const listCallbacks = (filter: { rep?: string; team?: string } = {}) =>
  api.get(`${callbackRoutes.list}${queryString(filter)}`, callbacksResponseSchema);

/** Overdue call-backs per team (counts only; wallboards may ask). */
export const overdueCallbackCounts = () => api.get(callbackRoutes.overdue, overdueCountsSchema);

export const closeCallback = (call: string, action: CallbackAction) =>
  api.post(callbackRoutes.act(call, action), undefined, callbackViewSchema);

export const reassignCallback = (call: string, rep: string) =>
  api.post(callbackRoutes.reassign(call), { rep }, callbackViewSchema);
