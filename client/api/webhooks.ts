import { routes } from '../../shared/contracts/http';
import type {
  ChatAppsResponse,
  ChatDeliveryView,
  ChatRuleView,
  ChatTargetUpdate,
  ChatTargetView,
  NewChatRule,
  NewChatTarget,
} from '../../shared/contracts/webhooks';
import { api } from './http';

/** Chat apps (Admin → Chat apps): the supervisor's routes. The URL and secret are sent, never read back. */
const target = (id: string) => `${routes.webhooks}/${encodeURIComponent(id)}`;
export const loadChatApps = () => api.get<ChatAppsResponse>(routes.webhooks);
export const addChatTarget = (body: NewChatTarget) => api.post<ChatTargetView>(routes.webhooks, body);
export const updateChatTarget = (id: string, body: ChatTargetUpdate) => api.put<ChatTargetView>(target(id), body);
export const removeChatTarget = (id: string) => api.delete(target(id));
export const sendChatTest = (id: string) => api.post<ChatDeliveryView>(`${target(id)}/test`);
export const sendChatSummary = (id: string) => api.post<ChatDeliveryView>(`${target(id)}/summary`);
export const addChatRule = (body: NewChatRule) => api.post<ChatRuleView>(`${routes.webhooks}/rules`, body);
export const removeChatRule = (id: string) => api.delete(`${routes.webhooks}/rules/${encodeURIComponent(id)}`);
