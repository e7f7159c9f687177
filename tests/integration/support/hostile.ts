import { seeded } from './floorScript';

/**
 * Hostile stream entries: wrong types, huge fields, bad numbers, unknown types, missing fields,
 * unicode, very long ids. Every one must fail parsing (so the fuzz test can count them).
 */
export function hostileEntry(random: () => number, i: number): string[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const junk = () =>
    pick(['', ' ', '💥', '\u0000', 'null', '-1', 'NaN', '1e309', '０１２', 'x'.repeat(2000), '<script>'] as const);
  const cases: (() => string[])[] = [
    () => ['type', `call.${junk()}x`, 'rep', 'rep-1', 'call', 'c'],
    () => ['type', 'call.dial', 'rep', pick(['', 'r'.repeat(65), 'rep 1', 'rép', '../../etc', '💥'])!, 'call', 'c'],
    () => ['type', 'call.dial', 'rep', 'rep-1'],
    () => ['type', 'call.dial', 'rep', 'rep-1', 'call', 'c'.repeat(129)],
    () => ['type', 'call.outcome', 'rep', 'rep-1', 'call', `c${i}`, 'outcome', pick(['won', 'SALE', '', 'sale '])],
    () => [
      'type',
      'call.outcome',
      'rep',
      'rep-1',
      'call',
      `c${i}`,
      'outcome',
      'sale',
      'amount',
      pick(['-5', 'NaN', '1e3', '12.345', '9999999999', '']),
    ],
    // A refusal without reason counts (reason unknown); one with a control character or blank does not.
    () => [
      'type',
      'call.outcome',
      'rep',
      'rep-1',
      'call',
      `c${i}`,
      'outcome',
      'refused',
      'reason',
      pick(['a\u0007', ' ']),
    ],
    () => [
      'type',
      'call.outcome',
      'rep',
      'rep-1',
      'call',
      `c${i}`,
      'outcome',
      'callback',
      'followUpAt',
      'tomorrow-ish',
    ],
    () => ['type', 'rep.pause', 'rep', 'rep-1', 'reason', pick(['nap', '', 'BREAK'])],
    () => ['type', 'rep.login', 'rep', 'rep-1', 'ts', pick(['-1', 'yesterday', '1.5', '99999999999999999999', ''])],
    () => ['type', 'rep.login', 'rep', 'rep-1', 'name', 'n'.repeat(81)],
    () => ['rep', 'rep-1', 'call', 'c'],
    () => ['type', 'rep.login', 'rep', 'rep-1', 'team', 'team a'],
    () => ['type', 'rep.login', 'rep', 'rep-1', 'type', 'rep.logout'],
    () => ['type', 'rep.ready', 'rep', 'rep-1', 'padding', 'p'.repeat(1025) + junk()],
    () => Array.from({ length: 40 }, (_, k) => [`f${k}`, 'v']).flat(),
  ];
  return pick(cases)();
}

export { seeded };
