import { defineStore } from 'pinia';
import { computed, ref, shallowRef, triggerRef } from 'vue';
import * as coachingApi from '../api/coaching';
import type { ApiResult } from '../api/http';
import type { CoachingNote, NoteMetric, NoteTag } from '../../shared/domain/coaching';
import { useFloorStore } from './floor';

/** How long a "new note" toast stays up unless dismissed. */
export const TOAST_MS = 8000;

export interface NewNoteInput {
  rep: string;
  text: string;
  tag?: NoteTag;
  call?: string;
  metric?: NoteMetric;
}

export interface NoteToast {
  id: string;
  note: CoachingNote;
}

/** Newest first; ties (same millisecond) by id so the order never flickers. */
function newestFirst(a: CoachingNote, b: CoachingNote): number {
  return b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** Coaching notes of the viewer's scope (a team, or the signed-in rep), kept live by the socket. */
export const useNotesStore = defineStore('notes', () => {
  const byId = shallowRef(new Map<string, CoachingNote>());
  const loading = ref(false);
  const loadError = ref<string | null>(null);
  const floor = useFloorStore();
  /** Set by the rep's page; until then the rep feed's scope says who is signed in. */
  const ownRepOverride = ref<string | null>(null);
  /** The signed-in rep, whose new notes raise a toast. */
  const ownRep = computed(() => ownRepOverride.value ?? (floor.scope?.kind === 'rep' ? floor.scope.rep : null));
  const toasts = ref<NoteToast[]>([]);
  const toastTimers = new Map<string, ReturnType<typeof setTimeout>>();

  const all = computed(() => [...byId.value.values()].sort(newestFirst));
  const unacknowledged = computed(() => all.value.filter((n) => n.ackAt === null).length);

  function forRep(rep: string): CoachingNote[] {
    return all.value.filter((n) => n.rep === rep);
  }

  /** Inserts or replaces by id; an acknowledgement is never undone by an older copy arriving late. */
  function upsert(note: CoachingNote): boolean {
    const known = byId.value.get(note.id);
    const merged = known && known.ackAt !== null && note.ackAt === null ? { ...note, ackAt: known.ackAt } : note;
    byId.value.set(note.id, merged);
    triggerRef(byId);
    return known === undefined;
  }

  /** Notes fetched over HTTP; live ones already here are kept. */
  function merge(notes: readonly CoachingNote[]): void {
    for (const note of notes) upsert(note);
  }

  async function load(query: { rep: string } | { team: string }): Promise<boolean> {
    loading.value = true;
    const result = await coachingApi.listNotes(query);
    loading.value = false;
    if (!result.ok) {
      loadError.value = result.error;
      return false;
    }
    loadError.value = null;
    merge(result.value.notes);
    return true;
  }

  async function send(input: NewNoteInput): Promise<ApiResult<CoachingNote>> {
    const body: NewNoteInput = { rep: input.rep, text: input.text };
    if (input.tag) body.tag = input.tag;
    if (input.call) body.call = input.call;
    if (input.metric) body.metric = input.metric;
    const result = await coachingApi.sendNote(body);
    if (result.ok) upsert(result.value);
    return result;
  }

  async function acknowledge(id: string): Promise<ApiResult<CoachingNote>> {
    const result = await coachingApi.acknowledgeNote(id);
    if (result.ok) upsert(result.value);
    return result;
  }

  function dismissToast(id: string): void {
    clearTimeout(toastTimers.get(id));
    toastTimers.delete(id);
    toasts.value = toasts.value.filter((t) => t.id !== id);
  }

  /** From the socket ('note:added'); a repeat delivery changes nothing and raises no second toast. */
  function onAdded(note: CoachingNote): void {
    const isNew = upsert(note);
    if (!isNew || note.rep !== ownRep.value || note.ackAt !== null) return;
    toasts.value = [...toasts.value, { id: note.id, note }];
    toastTimers.set(
      note.id,
      setTimeout(() => dismissToast(note.id), TOAST_MS),
    );
  }

  /** From the socket ('note:acked'). */
  function onAcked(note: CoachingNote): void {
    upsert(note);
    if (toastTimers.has(note.id)) dismissToast(note.id);
  }

  /** Forgets everything, e.g. on sign-out, so the next person never sees the last one's notes. */
  function reset(): void {
    for (const timer of toastTimers.values()) clearTimeout(timer);
    toastTimers.clear();
    toasts.value = [];
    byId.value = new Map();
    loadError.value = null;
    ownRepOverride.value = null;
  }

  function setOwnRep(rep: string | null): void {
    ownRepOverride.value = rep;
  }

  return {
    notes: byId,
    all,
    unacknowledged,
    loading,
    loadError,
    ownRep,
    toasts,
    forRep,
    merge,
    load,
    send,
    acknowledge,
    onAdded,
    onAcked,
    dismissToast,
    setOwnRep,
    reset,
  };
});
