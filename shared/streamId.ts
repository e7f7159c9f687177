/** A Redis stream entry ID, "<ms>-<seq>". */
export type StreamId = string;

const STREAM_ID = /^(\d{1,16})-(\d{1,16})$/;

export function isStreamId(value: string): value is StreamId {
  return STREAM_ID.test(value);
}

/** Time part of a stream ID (when Redis accepted the entry). */
export function streamIdTime(id: StreamId): number {
  return Number(id.slice(0, id.indexOf('-')));
}

/** Orders two stream IDs numerically (-1, 0, 1); string order would put "9-0" after "10-0". */
export function compareStreamIds(a: StreamId, b: StreamId): number {
  const [am, as] = split(a);
  const [bm, bs] = split(b);
  if (am !== bm) return am < bm ? -1 : 1;
  if (as !== bs) return as < bs ? -1 : 1;
  return 0;
}

// Both parts stay far below 2^53 for real streams (ms since 1970, per-ms sequence).
function split(id: StreamId): [number, number] {
  const dash = id.indexOf('-');
  return [Number(id.slice(0, dash)), Number(id.slice(dash + 1))];
}
