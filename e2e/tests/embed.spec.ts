import type { Page } from '@playwright/test';
import { EMBED_HOST_PORT, ROGUE_PORT, startEmbedHost } from '../fixtures/embed-host/server.ts';
import { expect, seriousA11yViolations, test } from '../fixtures/index.ts';
import { BASE_URL } from '../fixtures/stack.ts';

/** What the host page has received from the console frame (fixtures/embed-host/index.html). */
type Received = { type: string; [k: string]: unknown }[];

const received = (page: Page) =>
  page.evaluate(() => (window as unknown as { received: Received }).received);

const send = (page: Page, msg: unknown) =>
  page.evaluate((m) => {
    (window as unknown as { sendToConsole: (m: unknown) => void }).sendToConsole(m);
  }, msg);

const lastOf = async (page: Page, type: string) =>
  (await received(page)).filter((m) => m.type === type).at(-1);

test.describe('embedded in a portal (?embed=1, postMessage contract)', () => {
  let stopHost: () => Promise<void>;
  test.beforeAll(async () => {
    stopHost = await startEmbedHost();
  });
  test.afterAll(async () => {
    await stopHost();
  });

  test('the host drives locale, theme and route; the console reports ready, title, route and height; others are ignored', async ({
    page,
  }) => {
    const src = `${BASE_URL}/system/classes?embed=1&lang=en`;
    await page.goto(
      `http://127.0.0.1:${EMBED_HOST_PORT}/?src=${encodeURIComponent(src)}&rogue=${encodeURIComponent(
        `http://127.0.0.1:${ROGUE_PORT}/rogue.html`,
      )}`,
    );
    const frame = page.getByTitle('Virtualization console').contentFrame();
    await expect(frame.getByRole('heading', { name: 'VM Classes' })).toBeVisible();
    await expect(frame.getByRole('cell', { name: 'generic', exact: true })).toBeVisible();
    // Our chrome is hidden: no top bar, no side navigation.
    await expect(frame.getByRole('navigation', { name: 'Main navigation' })).toHaveCount(0);
    await expect(frame.getByRole('combobox', { name: 'Language' })).toHaveCount(0);
    await expect(frame.getByRole('navigation', { name: 'Sections' })).toHaveCount(0);

    // Console → host, posted to the host's origin.
    await expect.poll(() => lastOf(page, 'dvp:ready')).toEqual({ type: 'dvp:ready', version: 1 });
    await expect
      .poll(() => lastOf(page, 'dvp:route'))
      .toEqual({ type: 'dvp:route', path: '/system/classes?embed=1&lang=en' });
    await expect
      .poll(async () => (await lastOf(page, 'dvp:title'))?.title)
      .toEqual(expect.stringMatching(/\S/));
    await expect.poll(async () => (await lastOf(page, 'dvp:height'))?.height).toBeGreaterThan(100);
    // The host sized the iframe to the content: nothing is cut off, no inner scrollbar needed.
    const reported = (await lastOf(page, 'dvp:height'))?.height;
    await expect(page.getByTitle('Virtualization console')).toHaveAttribute(
      'height',
      String(reported),
    );

    // Host → console: locale, theme, navigation.
    await send(page, { type: 'dvp:locale', locale: 'ru' });
    await expect(frame.getByRole('heading', { name: 'Классы ВМ' })).toBeVisible();
    await send(page, { type: 'dvp:theme', theme: 'dark' });
    await expect(frame.locator('html')).toHaveAttribute('data-theme', 'dark');
    await send(page, { type: 'dvp:navigate', path: '/system/nodes' });
    await expect
      .poll(() => lastOf(page, 'dvp:route'))
      .toEqual({ type: 'dvp:route', path: '/system/nodes' });
    await expect(frame.getByRole('heading', { name: 'Классы ВМ' })).toHaveCount(0);

    // Unknown and malformed messages are ignored.
    await send(page, { type: 'dvp:navigate', path: 'https://evil.example/' });
    await send(page, { type: 'dvp:theme', theme: 'neon' });
    await send(page, { type: 'something-else', path: '/system/classes' });

    // A widget from an origin FRAME_ANCESTORS does not list is ignored...
    await page.evaluate(() => {
      (window as unknown as { triggerRogue: (m: unknown) => void }).triggerRogue({
        type: 'dvp:navigate',
        path: '/system/classes',
      });
    });
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { rogueSent: boolean }).rogueSent))
      .toBe(true);
    // ...while the host, posting after it, is heard: its message arrives after the rogue's.
    await send(page, { type: 'dvp:theme', theme: 'light' });
    await expect(frame.locator('html')).toHaveAttribute('data-theme', 'light');
    expect(await lastOf(page, 'dvp:route')).toEqual({ type: 'dvp:route', path: '/system/nodes' });
    await expect(frame.locator('html')).toHaveAttribute('lang', 'ru');
  });

  test('the embedded page has no serious accessibility violations', async ({ page }) => {
    await page.goto('/system/classes?embed=1&lang=en');
    await expect(page.getByRole('cell', { name: 'generic', exact: true })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main navigation' })).toHaveCount(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
