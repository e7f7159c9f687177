import { OTHER_BUCKET, zeroCounts, type DimensionCounts } from '../contracts/campaigns';
import { addInto, isZero, type RepCampaigns } from './dimensionState';

/** Edits reps' campaign counts within one batch: a map or count object is copied on its first write. */
export class RepCampaignsEditor {
  private readonly mine = new WeakSet<object>();

  private ownMap(map: RepCampaigns): Map<string, DimensionCounts> {
    if (this.mine.has(map)) return map as Map<string, DimensionCounts>;
    const copy = new Map(map);
    this.mine.add(copy);
    return copy;
  }

  private addTo(map: Map<string, DimensionCounts>, bucket: string, c: DimensionCounts, sign: 1 | -1): void {
    const found = map.get(bucket);
    let own = found;
    if (!own || !this.mine.has(own)) {
      own = found ? { ...found } : zeroCounts();
      this.mine.add(own);
    }
    addInto(own, c, sign);
    if (isZero(own)) map.delete(bucket);
    else map.set(bucket, own);
  }

  /** The map with a call's change counted: `before`/`after` are [bucket, contribution] or null. */
  change(
    map: RepCampaigns,
    before: readonly [string, DimensionCounts] | null,
    after: readonly [string, DimensionCounts] | null,
  ): RepCampaigns {
    if ((!before || isZero(before[1])) && (!after || isZero(after[1]))) return map;
    const own = this.ownMap(map);
    if (before) this.addTo(own, before[0], before[1], -1);
    if (after) this.addTo(own, after[0], after[1], 1);
    return own;
  }

  /** The map with `value`'s counts moved under OTHER_BUCKET (the value was evicted by the cap). */
  evict(map: RepCampaigns, value: string): RepCampaigns {
    const moved = map.get(value);
    if (!moved) return map;
    const own = this.ownMap(map);
    own.delete(value);
    this.addTo(own, OTHER_BUCKET, moved, 1);
    return own;
  }
}
