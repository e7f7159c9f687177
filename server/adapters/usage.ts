/** Bad flags or files given to an adapter: the runner prints the message and the adapter's usage, exit code 2. */
export class AdapterUsageError extends Error {
  override name = 'AdapterUsageError';
}

/** A whole number flag within bounds, or AdapterUsageError naming the flag. */
export function intFlag(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new AdapterUsageError(`--${name} must be ${min}-${max}`);
  return n;
}
