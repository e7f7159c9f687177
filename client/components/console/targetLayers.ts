import type { TargetsResponse } from '../../../shared/contracts/http';
import type { TargetLayer } from '../../../shared/domain/targetSettings';
import type { TargetMetric } from '../../../shared/domain/targets';

export type Period = 'daily' | 'weekly' | 'monthly';
export const PERIODS: readonly Period[] = ['daily', 'weekly', 'monthly'];

/** Whose figures the console edits: the whole team, or one of its reps. */
export type EditScope = { kind: 'team'; team: string } | { kind: 'rep'; rep: string; team: string };

/** The figures set at exactly this level (what the form shows and saves). */
export function ownLayer(response: TargetsResponse, scope: EditScope): TargetLayer | undefined {
  return scope.kind === 'team' ? response.settings.teams[scope.team] : response.settings.reps[scope.rep];
}

/**
 * What applies when this level sets nothing, for the placeholder: for a rep the team's figure,
 * then the floor's; for the team the floor's. Daily falls back to the environment default too
 * (a week or a month has no default of its own); '' when nothing applies.
 */
export function inheritedFigure(
  response: TargetsResponse,
  scope: EditScope,
  period: Period,
  metric: TargetMetric,
): string {
  const layers = [scope.kind === 'rep' ? response.settings.teams[scope.team] : undefined, response.settings.floor];
  for (const layer of layers) {
    const value = layer?.[period]?.[metric];
    if (value !== undefined) return String(value);
  }
  return period === 'daily' ? String(response.defaults[metric]) : '';
}
