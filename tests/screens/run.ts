import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../e2e/support/browser';
import { startDemo, type Demo } from './demo';
import { SUPERVISOR_DESK_SCREENS, TV_PANELS } from './screens';

const HELP = `Usage: npm run screens -- [--out /tmp/floorboard-screens] [--reps 60,500]

Starts the demo at each size (60 reps in 4 teams, 500 in 10) and screenshots, in en and zh-CN:
/tv at 1920x1080 (floor and alerts panels on the kiosk, the campaigns panel on a supervisor's TV),
/floor, /campaigns, /feedback, /handoffs and the team console at 1440x900 (the console also with
Coach open; the three new pages also whole), /me at 390x844 (first screen and whole page) and /login. Needs the
Chromium at /usr/bin/chromium (CHROMIUM_PATH). Files go to --out, never into the repository;
clipped.txt there lists every text box cut short (scrollWidth > clientWidth) on each screen.`;

type Locale = 'en' | 'zh-CN';
const LOCALES: Locale[] = ['en', 'zh-CN'];
const TV = { width: 1920, height: 1080 };
const DESK = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

function options() {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: '/tmp/floorboard-screens' },
      reps: { type: 'string', default: '60,500' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const reps = values.reps.split(',').map(Number);
  if (reps.some((n) => !Number.isInteger(n) || n < 1 || n > 5000)) throw new Error('--reps must be numbers 1-5000');
  return { out: resolve(values.out), reps, help: values.help ?? false };
}

/**
 * Text boxes on screen whose text is cut (wider than their box), as "selector: text"; with
 * `wholePage`, those below the first screen too (a whole-page shot).
 */
function clippedText(page: Page, wholePage = false): Promise<string[]> {
  return page.evaluate((wholePage) => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      if (el.children.length > 0 && el.childElementCount === el.children.length && !el.textContent?.trim()) continue;
      const style = getComputedStyle(el);
      if (style.overflowX === 'visible' || style.display === 'none') continue;
      const r = el.getBoundingClientRect();
      // (Words for screen readers only sit in a 1 px box on purpose.)
      if (r.width <= 1 || (!wholePage && (r.bottom < 0 || r.top > innerHeight))) continue;
      // Scrolling areas are not cut: only boxes that hide what does not fit.
      if (style.overflowX === 'auto' || style.overflowX === 'scroll') continue;
      if (el.scrollWidth > el.clientWidth + 1) {
        const name = `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`;
        const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ');
        // An elision by design says the whole in a title: marked, so real cuts stand out.
        const titled = el.title.trim().replace(/\s+/g, ' ') === text ? '  [elided, title has it]' : '';
        out.push(`${name}: ${text.slice(0, 60)}${titled}`);
      }
    }
    return out;
  }, wholePage);
}

class Shooter {
  readonly clipped: string[] = [];
  constructor(
    private readonly browser: Browser,
    private readonly out: string,
  ) {}

  async page(locale: Locale, viewport: { width: number; height: number }): Promise<Page> {
    const context = await this.browser.newContext({ viewport });
    await context.addInitScript((value) => localStorage.setItem('floorboard.locale', value), locale);
    return context.newPage();
  }

  async shoot(page: Page, name: string, fullPage = false): Promise<void> {
    await page.evaluate(() => document.fonts.ready);
    const file = join(this.out, `${name}.png`);
    await page.screenshot({ path: file, fullPage });
    for (const cut of await clippedText(page, fullPage)) this.clipped.push(`${name}  ${cut}`);
    console.log(`  ${file}`);
  }
}

async function signIn(page: Page, demo: Demo, username: string): Promise<void> {
  await page.goto(`${demo.baseUrl}/login`);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(demo.password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

async function shootTv(
  shooter: Shooter,
  page: Page,
  demo: Demo,
  panel: (typeof TV_PANELS)[number],
  name: (screen: string) => string,
): Promise<void> {
  await page.goto(`${demo.baseUrl}/tv?pin=${panel.pin}`);
  await page.locator(panel.ready).first().waitFor({ timeout: 30_000 });
  // As the room sees it: the controls gone after a few seconds without input.
  await page.locator('.tv--idle').waitFor({ timeout: 15_000 });
  await shooter.shoot(page, name(`tv-${panel.pin}`));
}

async function shootAll(shooter: Shooter, demo: Demo, tag: string, locale: Locale): Promise<void> {
  const name = (screen: string) => `${tag}-${locale}-${screen}`;

  let page = await shooter.page(locale, TV);
  await page.goto(`${demo.baseUrl}/wallboard/${demo.kioskToken}`);
  await page.waitForURL('**/floor');
  for (const panel of TV_PANELS.filter((p) => !p.supervisorOnly)) await shootTv(shooter, page, demo, panel, name);
  await page.context().close();

  page = await shooter.page(locale, TV);
  await signIn(page, demo, demo.supervisor);
  for (const panel of TV_PANELS.filter((p) => p.supervisorOnly)) await shootTv(shooter, page, demo, panel, name);
  await page.context().close();

  page = await shooter.page(locale, DESK);
  await signIn(page, demo, demo.supervisor);
  await page.locator('[data-rep]').first().waitFor();
  await shooter.shoot(page, name('floor'));
  for (const screen of SUPERVISOR_DESK_SCREENS) {
    await page.goto(`${demo.baseUrl}${screen.path}`);
    await page.locator(screen.ready).first().waitFor({ timeout: 30_000 });
    await shooter.shoot(page, name(screen.name));
    // Their tables run below the first screen: the whole page too, every cut counted.
    await shooter.shoot(page, name(`${screen.name}-full`), true);
  }
  await page.context().close();

  page = await shooter.page(locale, DESK);
  await signIn(page, demo, demo.lead.username);
  await page.locator('.rep-table tbody tr[data-rep]').first().waitFor();
  await shooter.shoot(page, name('console'));
  await page.locator('.rep-table__coach').nth(5).click();
  await page.locator('form.coach-form textarea').waitFor();
  await shooter.shoot(page, name('console-coach'));
  await page.context().close();

  page = await shooter.page(locale, PHONE);
  await signIn(page, demo, demo.rep);
  await page.locator('.next-steps').waitFor();
  await shooter.shoot(page, name('me'));
  await shooter.shoot(page, name('me-full'), true);
  await page.context().close();

  page = await shooter.page(locale, DESK);
  await page.goto(`${demo.baseUrl}/login`);
  await page.locator('input[name=username]').waitFor();
  await shooter.shoot(page, name('login'));
  await page.context().close();
}

async function main(): Promise<void> {
  const opts = options();
  if (opts.help) return void console.log(HELP);
  await mkdir(opts.out, { recursive: true });
  const browser = await launchChromium();
  const shooter = new Shooter(browser, opts.out);
  try {
    for (const reps of opts.reps) {
      console.log(`Starting the demo with ${reps} reps...`);
      const demo = await startDemo(reps, reps > 100 ? 10 : 4);
      try {
        for (const locale of LOCALES) await shootAll(shooter, demo, `r${reps}`, locale);
      } finally {
        await demo.stop();
      }
    }
  } finally {
    await browser.close();
  }
  const report = join(opts.out, 'clipped.txt');
  await writeFile(report, shooter.clipped.join('\n') + '\n');
  console.log(`${shooter.clipped.length} clipped text boxes (${report}).`);
}

main().catch((error: unknown) => {
  console.error(`screens: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
