import { describe, expect, it } from 'vitest';
import { createLog } from '../../../server/log';

function capture() {
  const lines: string[] = [];
  return { lines, log: createLog('test', (line) => lines.push(line)) };
}

describe('createLog()', () => {
  it('writes one JSON object per line with level, component, message and fields', () => {
    const { lines, log } = capture();
    log.child('auth').warn('log-in failed', { username: 'boss', address: '203.0.113.7' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 'warn',
      component: 'test:auth',
      msg: 'log-in failed',
      username: 'boss',
      address: '203.0.113.7',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('redacts passwords, tokens, cookies and authorization headers wherever a caller puts them', () => {
    const { lines, log } = capture();
    const secrets = ['hunter2-password', 'tok-123456789', 'fb_session=abc', 'Bearer xyz', 'sid=1', 'metrics-tok'];
    log.error('request', {
      password: secrets[0],
      token: secrets[1],
      headers: { cookie: secrets[2], authorization: secrets[3] },
      req: { headers: { 'set-cookie': secrets[4] } },
      body: { newPassword: secrets[0], metricsToken: secrets[5] },
      kept: 'visible',
    });
    log.info('nested', { session: { token: secrets[1] }, user: { password: secrets[0] } });
    const all = lines.join('\n');
    for (const secret of secrets) expect(all).not.toContain(secret);
    expect(all).toContain('visible');
    expect(all).toContain('[redacted]');
  });
});
