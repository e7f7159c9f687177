import type { Viewer } from '../../../shared/domain/viewer';

export const KIOSK: Viewer = { kind: 'kiosk', id: 'k1', name: 'Floor TV' };
export const SUPERVISOR: Viewer = { kind: 'user', username: 'sam', role: 'supervisor' };
export const LEAD: Viewer = { kind: 'user', username: 'lena', role: 'lead', team: 'north' };
export const REP: Viewer = { kind: 'user', username: 'ann', role: 'rep', rep: 'rep-001', team: 'north' };
