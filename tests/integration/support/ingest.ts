import { request } from 'node:http';
import type { IngestKeyView, NewIngestKeyResponse } from '../../../shared/contracts/ingest';
import { call } from './people';

export const EVENTS_PATH = '/api/ingest/events';
export const KEYS_PATH = '/api/admin/ingest-keys';

/** Creates a key as the given (supervisor's) session; fails the test unless it was created. */
export async function createKey(baseUrl: string, session: string, name: string): Promise<NewIngestKeyResponse> {
  const res = await call(baseUrl, session, 'POST', KEYS_PATH, { name });
  if (res.status !== 201) throw new Error(`key ${name} not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as NewIngestKeyResponse;
}

export async function listKeys(baseUrl: string, session: string): Promise<IngestKeyView[]> {
  const res = await call(baseUrl, session, 'GET', KEYS_PATH);
  if (res.status !== 200) throw new Error(`keys not listed: ${res.status}`);
  return (res.body as { keys: IngestKeyView[] }).keys;
}

/** POST /api/ingest/events with a raw body (a string, so `__proto__` keys stay keys) and any headers. */
export async function postRaw(
  baseUrl: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await fetch(baseUrl + EVENTS_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

export const postEvents = (baseUrl: string, key: string | undefined, events: unknown) =>
  postRaw(baseUrl, JSON.stringify(events), key ? { authorization: `Bearer ${key}` } : {});

/**
 * Starts sending a body of `totalBytes` (`[` and spaces; Content-Length `declaredBytes`, or chunked when null) one 64 KiB
 * chunk at a time, as long as the server reads, and stops at the answer: how many bytes had gone
 * out by then tells whether the server read the body to the end before answering.
 */
export function sendHugeBody(
  baseUrl: string,
  key: string,
  declaredBytes: number | null,
  totalBytes: number,
): Promise<{ status: number; body: string; sentBytes: number }> {
  const url = new URL(baseUrl + EVENTS_PATH);
  const headers: Record<string, string> = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  if (declaredBytes !== null) headers['content-length'] = String(declaredBytes);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: 'POST', path: url.pathname, headers });
    const chunk = Buffer.alloc(64 * 1024, 0x20); // JSON whitespace: the body stays valid as far as it goes
    let sentBytes = 0;
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (data: string) => (body += data));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body, sentBytes });
      });
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sentBytes < totalBytes) {
        const part = chunk.subarray(0, Math.min(chunk.length, totalBytes - sentBytes));
        sentBytes += part.length;
        if (!req.write(part)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    req.write('[');
    sentBytes = 1;
    pump();
  });
}
