import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * N=32768 costs ~80 ms and 32 MiB per hash on a small server: slow for a guesser, still quick
 * enough for a log-in. The parameters are stored with each hash, so raising them later keeps
 * old hashes verifiable.
 */
const COST = { N: 32768, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

// Bounds for parameters read back from storage: a corrupted or planted value must not make
// verification allocate gigabytes or spin for minutes.
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

/**
 * scrypt runs on libuv's thread pool (4 threads), which fs and DNS share. A burst of log-ins must
 * neither take all of it nor queue without end: two hashes at a time, and past HASH_QUEUE waiting
 * a HashersBusy error (503 for the log-in) rather than a wait of many seconds.
 */
const HASHERS = 2;
const HASH_QUEUE = 64;
let hashing = 0;
const waiting: (() => void)[] = [];

export class HashersBusy extends Error {
  override name = 'HashersBusy';
}

async function gated<T>(work: () => Promise<T>): Promise<T> {
  if (hashing >= HASHERS) {
    if (waiting.length >= HASH_QUEUE) throw new HashersBusy('too many log-ins at once');
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else hashing++;
  try {
    return await work();
  } finally {
    // The slot passes straight to the next waiter, so `hashing` stays counted for it.
    const next = waiting.shift();
    if (next) next();
    else hashing--;
  }
}

function derive(password: string, salt: Buffer, keylen: number, cost: { N: number; r: number; p: number }) {
  return gated(() => deriveNow(password, salt, keylen, cost));
}

function deriveNow(password: string, salt: Buffer, keylen: number, cost: { N: number; r: number; p: number }) {
  // scrypt needs 128*N*r bytes; Node's default ceiling (32 MiB) is exactly too small for N=32768.
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** A self-describing hash: `scrypt$N$r$p$<salt base64>$<hash base64>`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function parseStored(stored: string) {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const N = Number(n);
  const cost = { N, r: Number(r), p: Number(p) };
  const isPowerOfTwo = Number.isInteger(N) && N >= 2 && N <= MAX_N && (N & (N - 1)) === 0;
  const small = (v: number, max: number) => Number.isInteger(v) && v >= 1 && v <= max;
  if (!isPowerOfTwo || !small(cost.r, MAX_R) || !small(cost.p, MAX_P)) return null;
  if (!BASE64.test(salt) || !BASE64.test(hash)) return null;
  const saltBytes = Buffer.from(salt, 'base64');
  const hashBytes = Buffer.from(hash, 'base64');
  if (saltBytes.length < 8 || hashBytes.length < 16 || hashBytes.length > 64) return null;
  return { cost, salt: saltBytes, hash: hashBytes };
}

/** False for a wrong password and for anything that is not a hash this module wrote; HashersBusy when overloaded. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (typeof password !== 'string' || typeof stored !== 'string') return false;
  const parsed = parseStored(stored);
  if (!parsed) return false;
  let key: Buffer;
  try {
    key = await derive(password, parsed.salt, parsed.hash.length, parsed.cost);
  } catch (error) {
    if (error instanceof HashersBusy) throw error; // not a wrong password: the caller answers 503
    return false;
  }
  return timingSafeEqual(key, parsed.hash);
}
