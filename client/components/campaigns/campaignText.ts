import { OTHER_BUCKET } from '../../../shared/contracts/campaigns';
import { formatRatio } from '../../format';

type Translate = (key: string) => string;

/** Shown where a figure is not known (no denominator, no size, no pace). */
export const UNKNOWN = '—';

/** A campaign, list or caller ID as shown: the "other" bucket in words, any other id as sent. */
export function dimensionLabel(id: string, t: Translate): string {
  return id === OTHER_BUCKET ? t('campaigns.other') : id;
}

/** A rate as a whole percentage, "—" when it cannot be computed. */
export function percent(rate: number | null): string {
  return rate === null || !Number.isFinite(rate) ? UNKNOWN : formatRatio(rate);
}
