import { vi } from 'vitest';

type Reply = Response | (() => Response) | ((body: unknown) => Response);

export interface FetchCall {
  method: string;
  path: string;
  body: unknown;
}

/** A JSON response as the server sends it. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export const noContent = () => new Response(null, { status: 204 });

/**
 * Stubs the global fetch with replies by "METHOD /path" (a reply function gets the parsed body);
 * an unlisted route answers 404, so a test never reaches the network. Records every call.
 */
export function stubFetch(routes: Record<string, Reply>): FetchCall[] {
  const calls: FetchCall[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET';
      const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
      calls.push({ method, path: input, body });
      const reply = routes[`${method} ${input}`];
      if (reply === undefined) return json(404, { error: `no route ${method} ${input}` });
      return typeof reply === 'function' ? reply(body) : reply.clone();
    }),
  );
  return calls;
}

/** Lets pending promise callbacks (fetch, then the component's update) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
