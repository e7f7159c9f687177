import { routes } from '../../shared/contracts/http';
import type { MeResponse } from '../../shared/contracts/http';
import { api } from './http';

/** The signed-in rep's page: counters, pace, rank, notes and call-backs (until the rep feed takes over). */
export const fetchMyProgress = () => api.get<MeResponse>(routes.me);
