import { routes } from '../../shared/contracts/http';
import type { DeadLettersResponse, KioskView, NewKioskResponse, SourcesResponse } from '../../shared/contracts/http';
import type { NewUser, UserView } from '../../shared/domain/viewer';
import { api } from './http';

/** Accounts and wallboard links: the supervisor's routes. */
export const listUsers = () => api.get<{ users: UserView[] }>(routes.users);
export const addUser = (user: NewUser) => api.post<UserView>(routes.users, user);
export const setUserPassword = (username: string, password: string) =>
  api.put<void>(routes.userPassword(username), { password });
export const removeUser = (username: string) => api.delete(routes.user(username));

export const listKiosks = () => api.get<{ kiosks: KioskView[] }>(routes.kiosks);
export const createKiosk = (name: string) => api.post<NewKioskResponse>(routes.kiosks, { name });
export const revokeKiosk = (id: string) => api.delete(routes.kiosk(id));

/** The newest malformed stream entries (newest first) and how many there are in all. */
export const listDeadLetters = (limit = 50) =>
  api.get<DeadLettersResponse>(`${routes.deadLetters}?limit=${encodeURIComponent(limit)}`);

/** Each source of call events and its health (supervisor). */
export const listSources = () => api.get<SourcesResponse>(routes.sources);
