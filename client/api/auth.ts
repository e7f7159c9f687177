import { routes, sessionResponseSchema } from '../../shared/contracts/http';
import type { LoginResponse } from '../../shared/contracts/http';
import { api } from './http';

/** Signs in: the server sets the httpOnly session cookie; the token in the body is never kept. */
export const login = (username: string, password: string) =>
  api.post<LoginResponse>(routes.login, { username, password });

export const logout = () => api.post<void>(routes.logout);

/** Who this browser is signed in as (401 when nobody). */
export const fetchSession = () => api.get(routes.session, sessionResponseSchema);
