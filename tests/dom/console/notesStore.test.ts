import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TOAST_MS, useNotesStore } from '../../../client/stores/notes';
import { useFloorStore } from '../../../client/stores/floor';
import { freshPinia } from '../support/mountApp';
import { T0, makeRep, makeSnapshot } from '../support/floorData';
import { makeNote, stubFetch } from './support';

describe('notes store', () => {
  beforeEach(() => {
    freshPinia();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('onAdded() upserts by id: a repeated delivery does not duplicate the note', () => {
    const notes = useNotesStore();
    notes.onAdded(makeNote({ id: 'n1', text: 'first' }));
    notes.onAdded(makeNote({ id: 'n1', text: 'first' }));
    expect(notes.all.map((n) => n.id)).toEqual(['n1']);
  });

  it('onAcked() replaces the note with its acknowledged copy; a late onAdded does not undo it', () => {
    const notes = useNotesStore();
    notes.onAdded(makeNote({ id: 'n1' }));
    notes.onAcked(makeNote({ id: 'n1', ackAt: T0 + 5000 }));
    expect(notes.forRep('r1')[0]?.ackAt).toBe(T0 + 5000);
    notes.onAdded(makeNote({ id: 'n1', ackAt: null }));
    expect(notes.forRep('r1')[0]?.ackAt).toBe(T0 + 5000);
    expect(notes.all).toHaveLength(1);
  });

  it('onAcked() of a note never seen before adds it', () => {
    const notes = useNotesStore();
    notes.onAcked(makeNote({ id: 'n9', ackAt: T0 }));
    expect(notes.all.map((n) => [n.id, n.ackAt])).toEqual([['n9', T0]]);
  });

  it('forRep() lists only that rep, newest first', () => {
    const notes = useNotesStore();
    notes.onAdded(makeNote({ id: 'a', rep: 'r1', createdAt: T0 }));
    notes.onAdded(makeNote({ id: 'b', rep: 'r2', createdAt: T0 + 1000 }));
    notes.onAdded(makeNote({ id: 'c', rep: 'r1', createdAt: T0 + 2000 }));
    notes.onAdded(makeNote({ id: 'd', rep: 'r1', createdAt: T0 + 500 }));
    expect(notes.forRep('r1').map((n) => n.id)).toEqual(['c', 'd', 'a']);
    expect(notes.all.map((n) => n.id)).toEqual(['c', 'b', 'd', 'a']);
  });

  it('load() asks for the team and merges the answer', async () => {
    const requests = stubFetch(() => ({ status: 200, body: { notes: [makeNote({ id: 'x', rep: 'r3' })] } }));
    const notes = useNotesStore();
    expect(await notes.load({ team: 'team a' })).toBe(true);
    expect(requests[0]?.url).toBe('/api/coaching-notes?team=team%20a');
    expect(notes.forRep('r3').map((n) => n.id)).toEqual(['x']);
  });

  it("send() posts the note and answers the server's 400 reason", async () => {
    const requests = stubFetch(() => ({ status: 400, body: { error: 'text: must not be empty' } }));
    const notes = useNotesStore();
    const result = await notes.send({ rep: 'r1', text: ' ', tag: 'tip', call: 'c-7' });
    expect(result).toEqual({ ok: false, status: 400, error: 'text: must not be empty' });
    expect(requests[0]).toEqual({
      method: 'POST',
      url: '/api/coaching-notes',
      body: { rep: 'r1', text: ' ', tag: 'tip', call: 'c-7' },
    });
    expect(notes.all).toHaveLength(0);
  });

  it('send() keeps the created note', async () => {
    stubFetch(() => ({ status: 201, body: makeNote({ id: 'new', text: 'Try the anchor' }) }));
    const notes = useNotesStore();
    const result = await notes.send({ rep: 'r1', text: 'Try the anchor' });
    expect(result.ok).toBe(true);
    expect(notes.forRep('r1').map((n) => n.text)).toEqual(['Try the anchor']);
  });

  it('acknowledge() posts to the ack route and stores the acknowledged note', async () => {
    const requests = stubFetch(({ url }) =>
      url === '/api/coaching-notes/n%201/ack'
        ? { status: 200, body: makeNote({ id: 'n 1', ackAt: T0 + 60_000 }) }
        : undefined,
    );
    const notes = useNotesStore();
    notes.onAdded(makeNote({ id: 'n 1' }));
    const result = await notes.acknowledge('n 1');
    expect(result.ok).toBe(true);
    expect(requests.map((r) => r.method)).toEqual(['POST']);
    expect(notes.all[0]?.ackAt).toBe(T0 + 60_000);
  });

  it('acknowledge() keeps the note as it was when the answer is not a note', async () => {
    stubFetch(() => ({ status: 200, body: { ok: true } }));
    const notes = useNotesStore();
    notes.onAdded(makeNote({ id: 'n1' }));
    const result = await notes.acknowledge('n1');
    expect(result).toEqual({
      ok: false,
      status: 502,
      error: 'unexpected answer from the server (/api/coaching-notes/n1/ack)',
    });
    expect(notes.all).toEqual([makeNote({ id: 'n1' })]);
  });

  it('raises a toast for a new note to the signed-in rep only, gone after the timeout', () => {
    vi.useFakeTimers();
    const floor = useFloorStore();
    floor.applySnapshot(makeSnapshot([makeRep({ id: 'r1' })], { scope: { kind: 'rep', rep: 'r1' } }));
    const notes = useNotesStore();
    notes.onAdded(makeNote({ id: 'other', rep: 'r2' }));
    notes.onAdded(makeNote({ id: 'mine', rep: 'r1' }));
    notes.onAdded(makeNote({ id: 'mine', rep: 'r1' }));
    expect(notes.toasts.map((t) => t.id)).toEqual(['mine']);
    vi.advanceTimersByTime(TOAST_MS - 1);
    expect(notes.toasts).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(notes.toasts).toHaveLength(0);
  });

  it('dismissToast() removes a toast at once', () => {
    const notes = useNotesStore();
    notes.setOwnRep('r1');
    notes.onAdded(makeNote({ id: 'mine', rep: 'r1' }));
    notes.dismissToast('mine');
    expect(notes.toasts).toEqual([]);
  });

  it('reset() forgets notes and toasts', () => {
    const notes = useNotesStore();
    notes.setOwnRep('r1');
    notes.onAdded(makeNote({ id: 'mine', rep: 'r1' }));
    notes.reset();
    expect(notes.all).toEqual([]);
    expect(notes.toasts).toEqual([]);
  });
});
