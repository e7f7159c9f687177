import { describe, expect, it } from 'vitest';
import { originAllowed, readCookie, tokenFromHeaders } from '../../../server/auth/requestToken';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);

describe('request tokens and origins', () => {
  it('takes the token from a Bearer header first, then the session cookie, never elsewhere', () => {
    expect(tokenFromHeaders({ authorization: `Bearer ${A}`, cookie: `fb_session=${B}` })).toBe(A);
    expect(tokenFromHeaders({ cookie: `theme=dark; fb_session=${B}` })).toBe(B);
    expect(tokenFromHeaders({ authorization: `Basic ${A}` })).toBeUndefined();
    expect(tokenFromHeaders({})).toBeUndefined();
    expect(readCookie('fb_session=%E0%A4%A', 'fb_session')).toBeUndefined();
  });

  it('allows same-origin and listed origins only', () => {
    const own = { scheme: 'http', host: 'floor:3000' } as const;
    expect(originAllowed(undefined, own, [])).toBe(true);
    expect(originAllowed('http://floor:3000', own, [])).toBe(true);
    expect(originAllowed('http://evil:3000', own, [])).toBe(false);
    expect(originAllowed('https://tv.example', own, ['https://tv.example'])).toBe(true);
    expect(originAllowed('https://tv.example', own, ['https://tv.example/'])).toBe(true);
    expect(originAllowed('null', own, [])).toBe(false);
  });

  it('compares scheme and port, not the host alone', () => {
    const https = { scheme: 'https', host: 'floor.example' } as const;
    expect(originAllowed('https://floor.example', https, [])).toBe(true);
    expect(originAllowed('https://floor.example:443', https, [])).toBe(true); // the default port
    expect(originAllowed('https://floor.example', { scheme: 'https', host: 'floor.example:443' }, [])).toBe(true);
    expect(originAllowed('http://floor.example', https, [])).toBe(false);
    expect(originAllowed('https://floor.example:8443', https, [])).toBe(false);
    expect(originAllowed('http://floor:3000', { scheme: 'https', host: 'floor:3000' }, [])).toBe(false);
    expect(originAllowed('http://floor:3001', { scheme: 'http', host: 'floor:3000' }, [])).toBe(false);
    expect(originAllowed('http://floor:3000', { scheme: 'http', host: undefined }, [])).toBe(false);
  });
});
