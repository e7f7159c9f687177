/**
 * A record keyed by names people or sources choose (teams, reps, reasons): it has no prototype,
 * so "__proto__", "constructor" or "toString" is just another name, neither merged into
 * Object.prototype nor read from it. JSON.stringify lists such keys like any other.
 */
export function namedRecord<V>(entries: Iterable<readonly [string, V]> = []): Record<string, V> {
  const record = Object.create(null) as Record<string, V>;
  for (const [key, value] of entries) record[key] = value;
  return record;
}
