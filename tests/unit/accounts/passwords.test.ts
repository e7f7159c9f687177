import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../server/accounts/passwords';

describe('password hashing', () => {
  it('salts every hash and verifies only the right password', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery', first)).toBe(true);
    expect(await verifyPassword('correct horse battery', second)).toBe(true);
    expect(await verifyPassword('correct horse batterz', first)).toBe(false);
    expect(await verifyPassword('', first)).toBe(false);
  });

  it('treats composed and decomposed accents alike (the same password typed on another device)', async () => {
    const stored = await hashPassword('caf\u00e9-au-lait-1');
    expect(await verifyPassword('cafe\u0301-au-lait-1', stored)).toBe(true);
  });

  it('keeps verifying hashes made with other (older) parameters', async () => {
    // scrypt of "old-password-1" with N=16384 r=8 p=1, salt "0123456789abcdef" (16 bytes).
    const { scryptSync } = await import('node:crypto');
    const salt = Buffer.from('0123456789abcdef');
    const hash = scryptSync('old-password-1', salt, 32, { N: 16384, r: 8, p: 1 });
    const stored = `scrypt$16384$8$1$${salt.toString('base64')}$${hash.toString('base64')}`;
    expect(await verifyPassword('old-password-1', stored)).toBe(true);
    expect(await verifyPassword('old-password-2', stored)).toBe(false);
  });

  it('answers false, without throwing, for stored values it did not write', async () => {
    const good = await hashPassword('some-password-1');
    const [, n, r, p, salt, hash] = good.split('$') as [string, string, string, string, string, string];
    const malformed = [
      '',
      'some-password-1',
      'bcrypt$2b$10$abcdefghijklmnopqrstuv',
      `scrypt$${n}$${r}$${p}$${salt}`,
      `scrypt$${n}$${r}$${p}$${salt}$${hash}$extra`,
      `scrypt$1000$${r}$${p}$${salt}$${hash}`, // N not a power of two
      `scrypt$${2 ** 30}$${r}$${p}$${salt}$${hash}`, // would need gigabytes
      `scrypt$${n}$0$${p}$${salt}$${hash}`,
      `scrypt$${n}$${r}$${p}$not*base64$${hash}`,
      `scrypt$${n}$${r}$${p}$${salt}$AAAA`, // hash too short to mean anything
    ];
    for (const stored of malformed) expect(await verifyPassword('some-password-1', stored), stored).toBe(false);
    expect(await verifyPassword('some-password-1', good)).toBe(true);
  });
});
