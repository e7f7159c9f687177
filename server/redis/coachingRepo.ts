import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { NOTE_METRICS, type CoachingNote, type NewCoachingNote, type NoteMetric } from '../../shared/domain/coaching';
import type { RedisKeys } from './keys';

export interface CoachingRepo {
  add(note: NewCoachingNote, meta: { team: string | null; author: string; now: number }): Promise<CoachingNote>;
  get(id: string): Promise<CoachingNote | null>;
  /** Newest first. */
  listForRep(rep: string, limit?: number): Promise<CoachingNote[]>;
  /** Sets the acknowledgement once; later calls return the note unchanged. */
  acknowledge(id: string, now: number): Promise<CoachingNote | null>;
}

/** Notes live in Redis (durable with AOF): a hash per note and a sorted set per rep. */
export function createCoachingRepo(redis: Redis, keys: RedisKeys): CoachingRepo {
  async function get(id: string): Promise<CoachingNote | null> {
    if (!/^[0-9a-f-]{36}$/.test(id)) return null;
    return fromHash(await redis.hgetall(keys.note(id)));
  }
  return {
    async add(input, meta) {
      const note: CoachingNote = {
        id: randomUUID(),
        rep: input.rep,
        team: meta.team,
        author: meta.author,
        text: input.text,
        tag: input.tag ?? null,
        call: input.call ?? null,
        ...(input.metric ? { metric: input.metric } : {}),
        createdAt: meta.now,
        ackAt: null,
      };
      await redis
        .multi()
        .hset(keys.note(note.id), toHash(note))
        .zadd(keys.repNotes(note.rep), note.createdAt, note.id)
        .exec();
      return note;
    },
    get,
    async listForRep(rep, limit = 200) {
      const ids = await redis.zrevrange(keys.repNotes(rep), 0, limit - 1);
      if (ids.length === 0) return [];
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.hgetall(keys.note(id));
      const results = (await pipeline.exec()) ?? [];
      return results.flatMap(([error, hash]) => (error ? [] : (fromHash(hash as Record<string, string>) ?? [])));
    },
    async acknowledge(id, now) {
      if (!/^[0-9a-f-]{36}$/.test(id)) return null;
      if (!(await redis.exists(keys.note(id)))) return null;
      await redis.hsetnx(keys.note(id), 'ackAt', String(now));
      return get(id);
    },
  };
}

function toHash(note: CoachingNote): Record<string, string> {
  const hash: Record<string, string> = {
    id: note.id,
    rep: note.rep,
    author: note.author,
    text: note.text,
    createdAt: String(note.createdAt),
  };
  if (note.team !== null) hash.team = note.team;
  if (note.tag !== null) hash.tag = note.tag;
  if (note.call !== null) hash.call = note.call;
  if (note.metric) hash.metric = note.metric;
  return hash;
}

function fromHash(hash: Record<string, string>): CoachingNote | null {
  if (!hash.id || !hash.rep || hash.text === undefined) return null;
  return {
    id: hash.id,
    rep: hash.rep,
    team: hash.team ?? null,
    author: hash.author ?? '',
    text: hash.text,
    tag: (hash.tag as CoachingNote['tag']) ?? null,
    call: hash.call ?? null,
    ...(isMetric(hash.metric) ? { metric: hash.metric } : {}),
    createdAt: Number(hash.createdAt),
    ackAt: hash.ackAt ? Number(hash.ackAt) : null,
  };
}

const isMetric = (value: string | undefined): value is NoteMetric =>
  value !== undefined && (NOTE_METRICS as readonly string[]).includes(value);
