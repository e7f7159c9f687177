import { FLOOR_ONLY_THRESHOLDS, type AlertThresholds } from '../../../shared/domain/alertTypes';
import { PAUSE_REASONS } from '../../../shared/events/callEvent';
import type { PauseReason } from '../../../shared/events/callEvent';

/** The per-rep number fields on status and pace: the floor's, and a team's overrides. */
export const STATUS_FIELDS = [
  'longCallMinutes',
  'longWrapupSeconds',
  'idleMinutes',
  'behindPacePercent',
  'notLoggedInMinutes',
  'handoffWaitMinutes',
] as const;
/** The per-rep follow-up and compliance fields (issue #15): the floor's, and a team's overrides. */
export const FOLLOW_UP_FIELDS = ['missingOutcomeMinutes', 'contactMaxPerDay', 'contactRepeatMinutes'] as const;
/** The floor-wide rules on lines and lists: the floor's only (a campaign's in its own form). */
export const LINE_FIELDS = FLOOR_ONLY_THRESHOLDS;
/** The editable fields of AlertThresholds, pause allowances flattened to one field per reason. */
export const NUMBER_FIELDS = [...STATUS_FIELDS, ...FOLLOW_UP_FIELDS, ...LINE_FIELDS] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number];
export type Draft = Record<NumberField | 'behindPaceAfter' | `pause.${PauseReason}`, string>;

const pauseKey = (r: PauseReason) => `pause.${r}` as const;

/** Form text of a full (floor) or partial (team) set of thresholds; missing fields stay empty. */
export function toDraft(t: Partial<AlertThresholds> | undefined): Draft {
  const draft = {} as Draft;
  for (const f of NUMBER_FIELDS) draft[f] = t?.[f] === undefined ? '' : String(t[f]);
  draft.behindPaceAfter = t?.behindPaceAfter ?? '';
  for (const r of PAUSE_REASONS)
    draft[pauseKey(r)] = t?.pauseMinutes?.[r] === undefined ? '' : String(t.pauseMinutes[r]);
  return draft;
}

/**
 * The thresholds to send: empty fields are left out (a team inherits them). A team that sets any
 * pause allowance sends all of them (the server wants every reason), the others from `inherited`.
 * Numbers are not range-checked here: the server's reason says what is wrong.
 */
export function fromDraft(draft: Draft, inherited: AlertThresholds): Partial<AlertThresholds> {
  const out: Partial<AlertThresholds> = {};
  for (const f of NUMBER_FIELDS) if (draft[f].trim() !== '') out[f] = Number(draft[f]);
  if (draft.behindPaceAfter.trim() !== '') out.behindPaceAfter = draft.behindPaceAfter.trim();
  if (PAUSE_REASONS.some((r) => draft[pauseKey(r)].trim() !== '')) {
    out.pauseMinutes = Object.fromEntries(
      PAUSE_REASONS.map((r) => {
        const raw = draft[pauseKey(r)].trim();
        return [r, raw === '' ? inherited.pauseMinutes[r] : Number(raw)];
      }),
    ) as Record<PauseReason, number>;
  }
  return out;
}
