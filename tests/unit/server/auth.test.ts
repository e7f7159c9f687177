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
    expect(originAllowed(undefined, 'floor:3000', [])).toBe(true);
    expect(originAllowed('http://floor:3000', 'floor:3000', [])).toBe(true);
    expect(originAllowed('http://evil:3000', 'floor:3000', [])).toBe(false);
    expect(originAllowed('https://tv.example', 'floor:3000', ['https://tv.example'])).toBe(true);
    expect(originAllowed('null', 'floor:3000', [])).toBe(false);
  });
});
