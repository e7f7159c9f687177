/**
 * The cap on reps per floor (FLOORBOARD_MAX_REPS). Without it a stream naming 200,000 distinct rep
 * ids grows the floor, its snapshots and every per-rep pass without bound. A rep already on today's
 * floor is always admitted; a new one only while the floor has room. Pure: the floor is read
 * through `reps`, and the caller turns a refusal into a dead letter.
 */
export interface RepAdmissionDeps {
  cap: number;
  /** The reps of the floor the batch applies to. */
  reps: () => { has(rep: string): boolean; readonly size: number };
}

export interface RepAdmission {
  readonly cap: number;
  /** A gate for one batch: it remembers reps it admitted, which the floor learns only after the batch. */
  batch(): (rep: string) => boolean;
}

export function createRepAdmission(deps: RepAdmissionDeps): RepAdmission {
  return {
    cap: deps.cap,
    batch() {
      const admitted = new Set<string>();
      let base: number | null = null;
      return (rep) => {
        if (admitted.has(rep) || deps.reps().has(rep)) return true;
        base ??= deps.reps().size;
        if (base + admitted.size >= deps.cap) return false;
        admitted.add(rep);
        return true;
      };
    },
  };
}

/** The dead-letter reason of a refused event (the "rep:" prefix names the field, as parse reasons do). */
export function floorFullReason(cap: number, rep: string): string {
  return `rep: floor full (${cap} reps): ${rep.slice(0, 64)}`;
}
