import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import type { SourceEvent } from '../../../shared/events/callEvent';
import { toStreamFields } from '../../../shared/events/parseCallEvent';
import type { NewUser } from '../../../shared/domain/viewer';
import { createAccountRepo } from '../../../server/redis/accountRepo';
import { launchChromium } from './browser';

export interface SeededFloorOptions {
  /** Every account's password. */
  password: string;
  /** Accounts to add before the events (all with `password`). */
  accounts: Omit<NewUser, 'password'>[];
  /** The events to append to the stream, made from the moment the setup runs. */
  events: (now: number) => SourceEvent[];
  /** More to write once the events are in (saved day totals, ...). */
  seed?: (redis: Redis, now: number) => Promise<unknown>;
  /** The UI language every page starts in (default: the browser's). */
  locale?: string;
  /** Count console errors as page errors too (default: only uncaught page errors). */
  consoleErrors?: boolean;
}

export interface SeededFloor {
  /** A fresh context at `viewport`, signed in as `username` (the login form submitted, not awaited further). */
  signedIn(username: string, viewport: { width: number; height: number }): Promise<{ page: Page; errors: string[] }>;
}

/**
 * The common e2e setup of a page test: before all, add the accounts, append the events to the
 * e2e server's stream, run `seed` and launch Chromium; after all, close both. Call at a test file's top level.
 */
export function seededFloor(options: SeededFloorOptions): SeededFloor {
  const { baseUrl, redisUrl, stream } = inject('e2e');
  let browser: Browser;
  let redis: Redis;

  beforeAll(async () => {
    redis = new Redis(redisUrl);
    const accounts = createAccountRepo(redis, 'floorboard:');
    const now = Date.now();
    for (const account of options.accounts) await accounts.add({ ...account, password: options.password }, now);
    for (const event of options.events(now)) await redis.xadd(stream, '*', ...toStreamFields(event));
    await options.seed?.(redis, now);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    redis?.disconnect();
  });

  return {
    async signedIn(username, viewport) {
      const context = await browser.newContext({ viewport });
      if (options.locale !== undefined)
        await context.addInitScript((locale) => localStorage.setItem('floorboard.locale', locale), options.locale);
      const page = await context.newPage();
      const errors: string[] = [];
      if (options.consoleErrors)
        page.on('console', (message) => {
          if (message.type() === 'error') errors.push(message.text());
        });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${baseUrl}/login`);
      await page.locator('input[name=username]').fill(username);
      await page.locator('input[name=password]').fill(options.password);
      await page.locator('button[type=submit]').click();
      return { page, errors };
    },
  };
}
