import { describe, expect, it } from 'vitest';
import { REFUSAL_REASONS as SIMULATED } from '../../../server/dev/simulator/behaviour';
import { REASON_CATALOGUE, reasonEntry } from '../../../shared/domain/reasons';
import { PAUSE_REASONS } from '../../../shared/events/callEvent';

describe('the reason catalogue', () => {
  it('holds every refusal reason the simulator sends and every pause reason', () => {
    for (const [code] of SIMULATED) expect(reasonEntry('refusal', code)?.messageKey).toBe(`refusal.${code}`);
    for (const code of PAUSE_REASONS) expect(reasonEntry('pause', code)?.messageKey).toBe(`pause.${code}`);
  });

  it('lists each code once per kind', () => {
    const keys = REASON_CATALOGUE.map((e) => `${e.kind}:${e.code}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('knows nothing else: object-prototype names and look-alikes are unknown codes', () => {
    for (const code of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'Price', ' price', ''])
      expect(reasonEntry('refusal', code)).toBeNull();
    expect(reasonEntry('pause', 'price')).toBeNull();
    expect(reasonEntry('refusal', 'lunch')).toBeNull();
  });
});
