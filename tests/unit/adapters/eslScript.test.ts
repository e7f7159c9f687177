import { describe, expect, it } from 'vitest';
import type { CallEvent, SourceEvent } from '../../../shared/events/callEvent';
import type { StreamId } from '../../../shared/streamId';
import { agentDirectory } from '../../../server/adapters/freeswitch/agents';
import { EslParser, parseEventPlain } from '../../../server/adapters/freeswitch/eslFraming';
import { createEslMapper } from '../../../server/adapters/freeswitch/mapping';
import { createEslScript } from '../../../server/dev/fakePbx/eslScript';
import { isFault } from '../../../server/dev/simulator/events';
import { createFloorModel } from '../../../server/dev/simulator/model';
import { countersOf, foldEach, refusalsOf, repOf } from '../shared/foldSupport';

const T0 = Date.UTC(2026, 0, 5, 8);
let seq = 0;
const asStream = (events: readonly SourceEvent[]) =>
  events.map((e) => ({ ...e, id: `${T0}-${seq++}` as StreamId }) as CallEvent);

describe('the demo fake FreeSWITCH (eslScript)', () => {
  it("plays a simulated morning as ESL that the real adapter's mapper turns back into the same floor", () => {
    const model = createFloorModel({ reps: 6, teams: 2, seed: 7, startAt: T0 });
    const sip = new Map(model.reps.map((rep, i) => [rep.id, String(1001 + i)]));
    const play = createEslScript((rep) => sip.get(rep)!);
    const mapper = createEslMapper(agentDirectory(model.reps.map((rep) => ({ match: sip.get(rep.id)!, rep: rep.id }))));
    const parser = new EslParser();
    const original: SourceEvent[] = [];
    const mapped: SourceEvent[] = [];
    const problems: string[] = [];
    for (const entry of model.nextEvents(T0 + 4 * 3600_000)) {
      if (isFault(entry)) continue;
      original.push(entry);
      // Each message split in two reads, as a TCP stream may deliver it.
      for (const message of play(entry)) {
        for (const part of [message.subarray(0, 7), message.subarray(7)]) {
          for (const m of parser.push(part)) {
            const parsed = parseEventPlain(m.body);
            expect(parsed.ok).toBe(true);
            if (!parsed.ok) continue;
            const result = mapper.map(parsed.event);
            problems.push(...result.problems);
            mapped.push(...result.events);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    const calls = (events: SourceEvent[]) => events.filter((e) => e.type.startsWith('call.')).length;
    expect(calls(original)).toBeGreaterThan(100);
    expect(calls(mapped)).toBe(calls(original));
    const want = foldEach(asStream(original));
    const got = foldEach(asStream(mapped));
    for (const rep of model.reps) {
      expect(countersOf(repOf(got, rep.id)), rep.id).toEqual(countersOf(repOf(want, rep.id)));
      expect(refusalsOf(repOf(got, rep.id))).toEqual(refusalsOf(repOf(want, rep.id)));
    }
    // Pauses keep their time; mod_callcenter has one break status, so the reason is "break".
    const pauses = (events: SourceEvent[]) => events.filter((e) => e.type === 'rep.pause').map((e) => e.at);
    expect(pauses(mapped)).toEqual(pauses(original));
  });
});
