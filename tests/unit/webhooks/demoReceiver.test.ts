import { describe, expect, it } from 'vitest';
import { startWebhookReceiver } from '../../../server/dev/webhookReceiver';
import { vendorRequest } from '../../../server/webhooks/vendors';
import { CHAT_VENDORS } from '../../../shared/contracts/webhooks';

describe("the demo's webhook receiver", () => {
  it("prints each vendor's message words and hides the robot key and signature", async () => {
    const lines: string[] = [];
    const receiver = await startWebhookReceiver((line) => lines.push(line));
    try {
      const message = { title: '下班小结：销售现场', lines: ['- 外呼: 240 / 300'], link: null };
      for (const vendor of CHAT_VENDORS) {
        const url = `${receiver.url}/hook?key=SECRETKEY&access_token=SECRETTOKEN`;
        const request = vendorRequest(vendor, { url, secret: 'SECRET' }, message, Date.now());
        const res = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body });
        expect(await res.json()).toMatchObject({ errcode: 0 });
      }
    } finally {
      await receiver.close();
    }
    expect(lines.filter((l) => l.startsWith('message arrived'))).toHaveLength(CHAT_VENDORS.length);
    expect(lines.filter((l) => l.includes('下班小结'))).toHaveLength(CHAT_VENDORS.length);
    expect(lines.filter((l) => l.includes('外呼: 240 / 300'))).toHaveLength(CHAT_VENDORS.length);
    expect(lines.join('\n')).not.toMatch(/SECRETKEY|SECRETTOKEN/);
  });
});
