import { Redis } from 'ioredis';
import { createAccountRepo } from '../../../server/redis/accountRepo';
import type { Config } from '../../../server/config';
import type { NewUser } from '../../../shared/domain/viewer';
import type { LoginResponse, NewKioskResponse } from '../../../shared/contracts/http';

export const PASSWORD = 'correct-horse-battery';

/** The floor's people for authorisation tests: a supervisor, two leads, a rep in each team. */
export const PEOPLE = {
  boss: { username: 'boss', role: 'supervisor' },
  leadA: { username: 'lead-a', role: 'lead', team: 'team-a' },
  leadB: { username: 'lead-b', role: 'lead', team: 'team-b' },
  repA: { username: 'ann', role: 'rep', rep: 'rep-a1', team: 'team-a' },
  repA2: { username: 'amy', role: 'rep', rep: 'rep-a2', team: 'team-a' },
  repB: { username: 'bob', role: 'rep', rep: 'rep-b1', team: 'team-b' },
} as const satisfies Record<string, Omit<NewUser, 'password'>>;
export type Person = keyof typeof PEOPLE;

export async function addPeople(config: Config): Promise<void> {
  const redis = new Redis(config.redisUrl);
  const accounts = createAccountRepo(redis, config.keyPrefix);
  for (const person of Object.values(PEOPLE)) await accounts.add({ ...person, password: PASSWORD }, Date.now());
  redis.disconnect();
}

export async function logIn(baseUrl: string, username: string, password = PASSWORD): Promise<LoginResponse> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`log-in of ${username} failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as LoginResponse;
}

/** A small fetch wrapper: JSON in, status and JSON out. */
export async function call(
  baseUrl: string,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed };
}

/** Every person of PEOPLE logged in, and a wallboard kiosk the supervisor made: their tokens. */
export async function logInPeople(baseUrl: string): Promise<Record<Person | 'kiosk', string>> {
  const tokens = {} as Record<Person | 'kiosk', string>;
  for (const person of Object.keys(PEOPLE) as Person[])
    tokens[person] = (await logIn(baseUrl, PEOPLE[person].username)).token;
  const kiosk = await call(baseUrl, tokens.boss, 'POST', '/api/kiosks', { name: 'TV' });
  tokens.kiosk = (kiosk.body as NewKioskResponse).token;
  return tokens;
}
