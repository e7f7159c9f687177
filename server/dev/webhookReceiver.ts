import { createServer } from 'node:http';

/** The words of a chat message as each vendor's body carries them (for the demo's log). */
function textOf(body: unknown): string {
  const b = (body ?? {}) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const card = b.attachments?.[0]?.content?.body as { text?: string }[] | undefined;
  const text =
    b.markdown?.content ?? // WeCom
    b.markdown?.text ?? // DingTalk
    b.content?.text ?? // Feishu
    (Array.isArray(card) ? card.map((block) => block.text).join('\n') : undefined) ?? // Teams
    b.blocks?.map((block: { text?: { text?: string } }) => block.text?.text ?? '').join('\n') ?? // Slack
    b.text;
  return typeof text === 'string' ? text : JSON.stringify(body);
}

/**
 * The demo's chat app: a local webhook receiver on 127.0.0.1 that prints each message that arrives
 * and answers as WeCom and DingTalk do ({errcode: 0}), so a new user sees the summary arrive.
 */
export async function startWebhookReceiver(
  print: (line: string) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= 256 * 1024) chunks.push(chunk);
    });
    req.on('end', () => {
      let body: unknown = null;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        // printed as it came
      }
      const path = (req.url ?? '/').replace(/([?&](key|access_token|sign)=)[^&]+/g, '$1…');
      print(`message arrived at ${path}`);
      for (const line of textOf(body).split('\n').filter(Boolean).slice(0, 20)) print(`  ${line}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok","code":0}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
