import { createHmac } from 'node:crypto';
import type { ChatVendor } from '../../shared/contracts/webhooks';

/** A message in plain words, before a vendor's format: a title, lines, and maybe a link. */
export interface ChatMessage {
  title: string;
  lines: string[];
  link: { label: string; url: string } | null;
}

/** The HTTP request a vendor's incoming webhook expects. */
export interface VendorRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

/**
 * DingTalk custom robot, signed ("加签"): `sign` = Base64(HmacSHA256(key = secret, message =
 * "<timestamp ms>\n<secret>")), URL-encoded, sent with `timestamp` as query parameters.
 * https://open.dingtalk.com/document/robots/customize-robot-security-settings
 */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/**
 * Feishu/Lark custom bot, signature check ("签名校验"): the HMAC-SHA256 key is
 * "<timestamp s>\n<secret>" over an empty message, Base64; `timestamp` and `sign` go in the body.
 * https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot (签名校验)
 */
export function feishuSign(secret: string, timestampS: number): string {
  return createHmac('sha256', `${timestampS}\n${secret}`).update('').digest('base64');
}

function markdown(message: ChatMessage, heading: string): string {
  const link = message.link ? [`[${message.link.label}](${message.link.url})`] : [];
  return [`${heading} ${message.title}`, ...message.lines, ...link].join('\n\n');
}

function plain(message: ChatMessage): string {
  const link = message.link ? [`${message.link.label}: ${message.link.url}`] : [];
  return [message.title, ...message.lines, ...link].join('\n');
}

/** Builds the request of each vendor's documented format; `now` is the signing time. */
export function vendorRequest(
  vendor: ChatVendor,
  target: { url: string; secret: string | null },
  message: ChatMessage,
  now: number,
): VendorRequest {
  switch (vendor) {
    case 'wecom':
      // WeCom group robot (群机器人): {msgtype: "markdown", markdown: {content}}, content at most 4096 bytes.
      // https://developer.work.weixin.qq.com/document/path/91770
      return {
        url: target.url,
        headers: JSON_HEADERS,
        body: JSON.stringify({ msgtype: 'markdown', markdown: { content: clip(markdown(message, '###'), 4000) } }),
      };
    case 'dingtalk': {
      // DingTalk custom robot: {msgtype: "markdown", markdown: {title, text}}.
      // https://open.dingtalk.com/document/orgapp/custom-robots-send-group-messages
      const url = new URL(target.url);
      if (target.secret) {
        url.searchParams.set('timestamp', String(now));
        url.searchParams.set('sign', dingtalkSign(target.secret, now)); // URLSearchParams URL-encodes it
      }
      return {
        url: url.toString(),
        headers: JSON_HEADERS,
        body: JSON.stringify({
          msgtype: 'markdown',
          markdown: { title: message.title, text: markdown(message, '###') },
        }),
      };
    }
    case 'feishu': {
      // Feishu custom bot: {msg_type: "text", content: {text}}, plus timestamp (seconds, a string) and sign.
      // https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot
      const seconds = Math.floor(now / 1000);
      const signed = target.secret ? { timestamp: String(seconds), sign: feishuSign(target.secret, seconds) } : {};
      return {
        url: target.url,
        headers: JSON_HEADERS,
        body: JSON.stringify({ ...signed, msg_type: 'text', content: { text: plain(message) } }),
      };
    }
    case 'slack': {
      // Slack incoming webhook: {text (the notification's fallback), blocks: [header, section mrkdwn]}.
      // https://api.slack.com/messaging/webhooks
      const link = message.link ? [`<${message.link.url}|${slackEscape(message.link.label)}>`] : [];
      const text = [...message.lines.map(slackEscape), ...link].join('\n');
      return {
        url: target.url,
        headers: JSON_HEADERS,
        body: JSON.stringify({
          text: slackEscape(message.title),
          blocks: [
            { type: 'header', text: { type: 'plain_text', text: clip(message.title, 150) } },
            { type: 'section', text: { type: 'mrkdwn', text: clip(text, 3000) } },
          ],
        }),
      };
    }
    case 'teams':
      // Microsoft Teams incoming webhook / Workflows: a message with one Adaptive Card attachment.
      // https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using
      return {
        url: target.url,
        headers: JSON_HEADERS,
        body: JSON.stringify({
          type: 'message',
          attachments: [
            {
              contentType: 'application/vnd.microsoft.card.adaptive',
              contentUrl: null,
              content: {
                $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
                type: 'AdaptiveCard',
                version: '1.4',
                body: [
                  { type: 'TextBlock', text: message.title, weight: 'Bolder', size: 'Medium', wrap: true },
                  ...message.lines.map((line) => ({ type: 'TextBlock', text: line, wrap: true })),
                ],
                actions: message.link
                  ? [{ type: 'Action.OpenUrl', title: message.link.label, url: message.link.url }]
                  : [],
              },
            },
          ],
        }),
      };
  }
}

/** Whether a vendor's answer (status 2xx already) says the message was taken; else its error. */
export function vendorAccepted(vendor: ChatVendor, body: string): string | null {
  if (vendor === 'slack' || vendor === 'teams') return null; // Slack answers "ok"; Teams 200/202
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return 'the answer was not JSON';
  }
  const o = (parsed ?? {}) as {
    errcode?: unknown;
    errmsg?: unknown;
    code?: unknown;
    msg?: unknown;
    StatusCode?: unknown;
  };
  // WeCom and DingTalk: {errcode: 0, errmsg: "ok"}; Feishu: {code: 0, msg: "success"} (older: {StatusCode: 0}).
  const code = vendor === 'feishu' ? (o.code ?? o.StatusCode) : o.errcode;
  if (code === 0) return null;
  const text = vendor === 'feishu' ? o.msg : o.errmsg;
  return `the chat app refused it: ${String(code ?? 'no code')} ${typeof text === 'string' ? text.slice(0, 200) : ''}`.trim();
}

function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
