import { beforeEach, describe, expect, it } from 'vitest';
import type { Bus, BusMessage } from '../../../server/bus/busMessage';
import type { CoachingRepo } from '../../../server/redis/coachingRepo';
import type { CoachingNote } from '../../../shared/domain/coaching';
import { createCoachingService } from '../../../server/coaching/coachingService';
import type { FloorService } from '../../../server/floor/floorService';
import { scopeIncludes } from '../../../shared/domain/access';
import { summarize, type RepView } from '../../../shared/domain/floorView';
import type { Viewer } from '../../../shared/domain/viewer';

const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);

const SUPERVISOR: Viewer = { kind: 'user', username: 'sam', role: 'supervisor' };
const NORTH_LEAD: Viewer = { kind: 'user', username: 'lea', role: 'lead', team: 'north' };
const SOUTH_LEAD: Viewer = { kind: 'user', username: 'sol', role: 'lead', team: 'south' };
const ANA: Viewer = { kind: 'user', username: 'ana', role: 'rep', rep: 'ana', team: 'north' };
const BEN: Viewer = { kind: 'user', username: 'ben', role: 'rep', rep: 'ben', team: 'north' };
const KIOSK: Viewer = { kind: 'kiosk', id: 'k1', name: 'Wallboard' };

/** A quiet rep row: only the id and team matter to coaching. */
function makeRep(id: string, team: string | null): RepView {
  const counters = { dials: 0, connects: 0, effectiveCalls: 0, talkSeconds: 0, wrapupSeconds: 0, pauseSeconds: 0 };
  const more = {
    loggedInSeconds: 0,
    leads: 0,
    deals: 0,
    revenue: 0,
    refusals: [],
    callbacks: [],
    callbackCount: 0,
    missingDetails: 0,
    handoffsWon: 0,
    handoffRevenue: 0,
    version: 1,
  };
  const targets = { dials: 180, effectiveCalls: 30, talkMinutes: 150, leads: 6, deals: 2, revenue: 5000 };
  const status = { status: 'available', pauseReason: null, statusSince: T0 } as const;
  return { id, name: id, team, ...status, currentCall: null, callAnsweredAt: null, ...counters, ...more, targets };
}

/** Notes in memory, newest first per rep; an acknowledgement is set once, like the Redis repo. */
function fakeRepo(): CoachingRepo & { notes: Map<string, CoachingNote> } {
  const notes = new Map<string, CoachingNote>();
  let next = 0;
  return {
    notes,
    async add(input, meta) {
      const note: CoachingNote = {
        id: `note-${++next}`,
        rep: input.rep,
        team: meta.team,
        author: meta.author,
        text: input.text,
        tag: input.tag ?? null,
        call: input.call ?? null,
        createdAt: meta.now,
        ackAt: null,
      };
      notes.set(note.id, note);
      return note;
    },
    async get(id) {
      return notes.get(id) ?? null;
    },
    async listForRep(rep, limit = 200) {
      return [...notes.values()]
        .filter((n) => n.rep === rep)
        .sort((a, b) => b.createdAt - a.createdAt)
        .slice(0, limit);
    },
    async acknowledge(id, now) {
      const note = notes.get(id);
      if (!note) return null;
      if (note.ackAt === null) notes.set(id, { ...note, ackAt: now });
      return notes.get(id)!;
    },
  };
}

/** The two FloorService methods the service uses, over a fixed list of reps seen today. */
function fakeFloor(reps: RepView[]): FloorService {
  const floor: Pick<FloorService, 'repView' | 'view'> = {
    repView: (id, team = null) => reps.find((r) => r.id === id) ?? makeRep(id, team),
    view: (scope = { kind: 'floor' }) => {
      const inScope = reps.filter((r) => scopeIncludes(scope, r));
      return { day: '2026-11-23', reps: inScope, ...summarize(inScope) };
    },
  };
  return floor as FloorService;
}

function setup() {
  const repo = fakeRepo();
  const messages: BusMessage[] = [];
  const bus: Bus = {
    publish: async (message) => void messages.push(message),
  };
  let now = T0;
  const floor = fakeFloor([
    makeRep('ana', 'north'),
    makeRep('ben', 'north'),
    makeRep('cid', 'south'),
    makeRep('dee', null),
  ]);
  const service = createCoachingService({ repo, floor, bus, clock: () => now });
  const advance = (ms: number) => (now += ms);
  return { service, repo, messages, advance };
}

let env: ReturnType<typeof setup>;
beforeEach(() => {
  env = setup();
});

async function sent(viewer: Viewer, body: object): Promise<CoachingNote> {
  const result = await env.service.send(viewer, body);
  if (!result.ok) throw new Error(`send failed: ${result.error}`);
  return result.value;
}

describe('send()', () => {
  it("stores a lead's note to a rep of the team with the rep's team, the author and the time", async () => {
    const result = await env.service.send(NORTH_LEAD, {
      rep: 'ana',
      text: '  try the price-anchor opening ',
      tag: 'tip',
    });
    expect(result).toEqual({
      ok: true,
      value: {
        id: 'note-1',
        rep: 'ana',
        team: 'north',
        author: 'lea',
        text: 'try the price-anchor opening',
        tag: 'tip',
        call: null,
        createdAt: T0,
        ackAt: null,
      },
    });
    expect(env.repo.notes.size).toBe(1);
  });

  it('publishes note:added on the bus exactly once, with the stored note', async () => {
    const note = await sent(NORTH_LEAD, { rep: 'ana', text: 'great close', call: 'call-42' });
    expect(note.call).toBe('call-42');
    expect(env.messages).toEqual([{ type: 'note:added', note }]);
  });

  it('lets a supervisor coach any rep, including a teamless one and one not seen today', async () => {
    for (const rep of ['ana', 'cid', 'dee', 'zed']) {
      const result = await env.service.send(SUPERVISOR, { rep, text: 'hi' });
      expect(result.ok).toBe(true);
    }
    expect([...env.repo.notes.values()].map((n) => [n.rep, n.team, n.author])).toEqual([
      ['ana', 'north', 'sam'],
      ['cid', 'south', 'sam'],
      ['dee', null, 'sam'],
      ['zed', null, 'sam'],
    ]);
    expect(env.messages).toHaveLength(4);
  });

  it.each<[string, Viewer, string]>([
    ['a lead of another team', SOUTH_LEAD, 'ana'],
    ['a lead, to a teamless rep', NORTH_LEAD, 'dee'],
    ['a lead, to a rep not seen today', NORTH_LEAD, 'zed'],
    ['a rep, to a teammate', BEN, 'ana'],
    ['a rep, to themself', ANA, 'ana'],
    ['a kiosk', KIOSK, 'ana'],
  ])('refuses %s with 403, storing and publishing nothing', async (_who, viewer, rep) => {
    const result = await env.service.send(viewer, { rep, text: 'hello' });
    expect(result).toMatchObject({ ok: false, status: 403 });
    expect(env.repo.notes.size).toBe(0);
    expect(env.messages).toEqual([]);
  });

  it.each<[string, unknown, RegExp]>([
    ['no rep', { text: 'hi' }, /^rep: /],
    ['a rep id with spaces', { rep: 'ana b', text: 'hi' }, /^rep: /],
    ['no text', { rep: 'ana' }, /^text: /],
    ['blank text', { rep: 'ana', text: '   ' }, /^text: must not be empty/],
    ['text over 1000 characters', { rep: 'ana', text: 'x'.repeat(1001) }, /^text: must be at most 1000/],
    ['an unknown tag', { rep: 'ana', text: 'hi', tag: 'scolding' }, /^tag: /],
    ['a malformed call id', { rep: 'ana', text: 'hi', call: 'call 1' }, /^call: /],
    ['an extra field', { rep: 'ana', text: 'hi', author: 'ceo' }, /author/],
    ['a body that is not an object', 'hi', /^body: /],
  ])('rejects %s with 400 and a reason naming the field', async (_what, body, reason) => {
    const result = await env.service.send(NORTH_LEAD, body);
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(!result.ok && result.error).toMatch(reason);
    expect(env.repo.notes.size).toBe(0);
    expect(env.messages).toEqual([]);
  });

  it('accepts a note of exactly 1000 characters', async () => {
    expect((await env.service.send(NORTH_LEAD, { rep: 'ana', text: 'x'.repeat(1000) })).ok).toBe(true);
  });
});

describe('acknowledge()', () => {
  it("lets the note's rep acknowledge it, stamping the time and publishing note:acked", async () => {
    const note = await sent(NORTH_LEAD, { rep: 'ana', text: 'hi' });
    env.advance(5000);
    const result = await env.service.acknowledge(ANA, note.id);
    const acked = { ...note, ackAt: T0 + 5000 };
    expect(result).toEqual({ ok: true, value: acked });
    expect(env.messages).toEqual([
      { type: 'note:added', note },
      { type: 'note:acked', note: acked },
    ]);
  });

  it('is idempotent: a second acknowledgement returns the note unchanged without another message', async () => {
    const note = await sent(NORTH_LEAD, { rep: 'ana', text: 'hi' });
    const first = await env.service.acknowledge(ANA, note.id);
    env.advance(60_000);
    const second = await env.service.acknowledge(ANA, note.id);
    expect(second).toEqual(first);
    expect(second.ok && second.value.ackAt).toBe(T0);
    expect(env.messages.filter((m) => m.type === 'note:acked')).toHaveLength(1);
  });

  it.each<[string, Viewer]>([
    ['another rep of the team', BEN],
    ['the lead who sent it', NORTH_LEAD],
    ['a supervisor', SUPERVISOR],
    ['a kiosk', KIOSK],
  ])('refuses %s with 403 and leaves the note unacknowledged', async (_who, viewer) => {
    const note = await sent(NORTH_LEAD, { rep: 'ana', text: 'hi' });
    expect(await env.service.acknowledge(viewer, note.id)).toMatchObject({ ok: false, status: 403 });
    expect(env.repo.notes.get(note.id)?.ackAt).toBeNull();
    expect(env.messages.map((m) => m.type)).toEqual(['note:added']);
  });

  it('answers 404 for an unknown note', async () => {
    expect(await env.service.acknowledge(ANA, 'note-404')).toMatchObject({ ok: false, status: 404 });
    expect(env.messages).toEqual([]);
  });

  it.each<[string, unknown]>([
    ['a number', 42],
    ['a missing id', undefined],
    ['an id over 64 characters', 'n'.repeat(65)],
  ])('rejects %s as the id with 400', async (_what, id) => {
    expect(await env.service.acknowledge(ANA, id)).toMatchObject({
      ok: false,
      status: 400,
      error: expect.stringMatching(/^id: /),
    });
  });
});

describe('list()', () => {
  beforeEach(async () => {
    await sent(NORTH_LEAD, { rep: 'ana', text: 'first' });
    env.advance(1000);
    await sent(SUPERVISOR, { rep: 'ana', text: 'second' });
    await sent(SUPERVISOR, { rep: 'cid', text: 'for cid' });
  });

  it.each<[string, Viewer, string]>([
    ['the rep themself', ANA, 'ana'],
    ["the lead of the rep's team", NORTH_LEAD, 'ana'],
    ['a supervisor', SUPERVISOR, 'ana'],
    ['a supervisor, for a rep of another team', SUPERVISOR, 'cid'],
  ])("gives %s the rep's notes, newest first", async (_who, viewer, rep) => {
    const result = await env.service.list(viewer, rep);
    expect(result.ok).toBe(true);
    const texts = result.ok ? result.value.map((n) => n.text) : [];
    expect(texts).toEqual(rep === 'ana' ? ['second', 'first'] : ['for cid']);
  });

  it.each<[string, Viewer, string]>([
    ['another rep of the team', BEN, 'ana'],
    ['a lead of another team', SOUTH_LEAD, 'ana'],
    ['a lead, for a teamless rep', NORTH_LEAD, 'dee'],
    ['a kiosk', KIOSK, 'ana'],
  ])('refuses %s with 403', async (_who, viewer, rep) => {
    expect(await env.service.list(viewer, rep)).toMatchObject({ ok: false, status: 403 });
  });

  it('rejects a malformed rep id with 400 naming the rep', async () => {
    expect(await env.service.list(SUPERVISOR, 'ana b')).toMatchObject({
      ok: false,
      status: 400,
      error: expect.stringMatching(/^rep: /),
    });
  });
});

describe('listTeam()', () => {
  beforeEach(async () => {
    await sent(NORTH_LEAD, { rep: 'ana', text: 'ana 1' });
    env.advance(1000);
    await sent(NORTH_LEAD, { rep: 'ben', text: 'ben 1' });
    env.advance(1000);
    await sent(SUPERVISOR, { rep: 'cid', text: 'cid 1' });
    await sent(NORTH_LEAD, { rep: 'ana', text: 'ana 2' });
  });

  it.each<[string, Viewer]>([
    ['the lead of the team', NORTH_LEAD],
    ['a supervisor', SUPERVISOR],
  ])("gives %s the notes of every rep of the team, newest first, and no other team's", async (_who, viewer) => {
    const result = await env.service.listTeam(viewer, 'north');
    expect(result.ok && result.value.map((n) => n.text)).toEqual(['ana 2', 'ben 1', 'ana 1']);
  });

  it.each<[string, Viewer]>([
    ['a lead of another team', SOUTH_LEAD],
    ['a rep of the team', ANA],
    ['a kiosk', KIOSK],
  ])('refuses %s with 403', async (_who, viewer) => {
    expect(await env.service.listTeam(viewer, 'north')).toMatchObject({ ok: false, status: 403 });
  });

  it('rejects a malformed team id with 400 naming the team', async () => {
    expect(await env.service.listTeam(SUPERVISOR, 'north east')).toMatchObject({
      ok: false,
      status: 400,
      error: expect.stringMatching(/^team: /),
    });
  });

  it('gives an empty list for a team with nobody on the floor today', async () => {
    expect(await env.service.listTeam(SUPERVISOR, 'west')).toEqual({ ok: true, value: [] });
  });

  it('shows at most the 50 newest notes of each rep', async () => {
    for (let i = 0; i < 120; i++) {
      env.advance(1);
      await sent(NORTH_LEAD, { rep: i % 2 ? 'ana' : 'ben', text: `bulk ${i}` });
    }
    const result = await env.service.listTeam(NORTH_LEAD, 'north');
    const notes = result.ok ? result.value : [];
    expect(notes.filter((n) => n.rep === 'ana')).toHaveLength(50);
    expect(notes.filter((n) => n.rep === 'ben')).toHaveLength(50);
    expect(notes[0]?.text).toBe('bulk 119');
    expect(notes.map((n) => n.createdAt)).toEqual(notes.map((n) => n.createdAt).sort((a, b) => b - a));
  });
});
