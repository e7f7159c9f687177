import { afterEach, describe, expect, inject, it } from 'vitest';
import { addPeople, PASSWORD } from './support/people';
import { createTestFloor, noonClock, startTestApp } from './support/testApp';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(env: Record<string, string> = {}) {
  const floor = createTestFloor(inject('redisUrl'), env);
  const running = await startTestApp(floor.config, noonClock());
  cleanups.push(() => floor.writer.quit());
  cleanups.push(() => running.stop());
  await addPeople(floor.config);
  return running.url;
}

const logInOver = (url: string, headers: Record<string, string>) =>
  fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username: 'boss', password: PASSWORD }),
  });

function directives(csp: string | null): Map<string, string> {
  return new Map(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...v]) => [name!, v.join(' ')]),
  );
}

describe('security headers', () => {
  it('keep the policy on every response: own origin only, no inline styles or scripts, no framing, no referrer', async () => {
    const url = await start();
    for (const path of ['/healthz', '/api/floor', '/wallboard/unknown-token-000000000000']) {
      const res = await fetch(`${url}${path}`);
      const csp = directives(res.headers.get('content-security-policy'));
      expect(csp.get('default-src')).toBe("'self'");
      expect(csp.get('script-src')).toBe("'self'");
      expect(csp.get('style-src')).toBe("'self'"); // no 'unsafe-inline' for <style> elements
      expect(csp.get('style-src-attr')).toBe("'unsafe-inline'");
      expect(csp.get('connect-src')).toBe("'self'"); // not any ws:/wss: host
      expect(csp.get('img-src')).toBe("'self' data:");
      expect(csp.get('frame-ancestors')).toBe("'none'");
      expect(csp.get('base-uri')).toBe("'none'");
      expect(csp.get('form-action')).toBe("'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('sends HSTS and Secure cookies only over HTTPS, and trusts X-Forwarded-Proto only from a trusted proxy', async () => {
    const plain = await start();
    const overHttp = await logInOver(plain, {});
    expect(overHttp.headers.get('strict-transport-security')).toBeNull();
    expect(overHttp.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
    // Anyone can write X-Forwarded-Proto: without FLOORBOARD_TRUST_PROXY it changes nothing.
    const spoofed = await logInOver(plain, { 'x-forwarded-proto': 'https' });
    expect(spoofed.headers.get('strict-transport-security')).toBeNull();
    expect(spoofed.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);

    const proxied = await start({ FLOORBOARD_TRUST_PROXY: 'loopback' });
    const overHttps = await logInOver(proxied, { 'x-forwarded-proto': 'https' });
    expect(overHttps.headers.get('strict-transport-security')).toBe('max-age=15552000');
    expect(overHttps.headers.get('set-cookie')).toMatch(/fb_session=[^;]+;.*HttpOnly;.*Secure;.*SameSite=Strict/i);
  });
});
