import type { Alert, GoodNews } from '../../../shared/domain/alertTypes';
import { T0 } from './floorData';

/** An open, unacknowledged alert with quiet defaults; override what the test is about. */
export function makeAlert(overrides: Partial<Alert> & { id: string }): Alert {
  return {
    rule: 'long_call',
    severity: 'warning',
    rep: 'ann',
    repName: 'Ann Lee',
    team: 'north',
    since: T0 - 25 * 60_000,
    raisedAt: T0 - 5 * 60_000,
    clearedAt: null,
    ackBy: null,
    ackAt: null,
    detail: null,
    ...overrides,
  };
}

export function makeNews(overrides: Partial<GoodNews> & { id: string }): GoodNews {
  return {
    kind: 'sale',
    rep: 'ann',
    repName: 'Li Wei',
    team: 'north',
    amount: 1299,
    metric: null,
    at: T0,
    ...overrides,
  };
}
