import type { APIRequestContext, Page } from '@playwright/test';
import { EMBED_HOST_PORT, startEmbedHost } from '../fixtures/embed-host/server.ts';
import { expect, openIn, test } from '../fixtures/index.ts';
import { BASE_URL } from '../fixtures/stack.ts';

/** Signs the browser out as another tab would: `DELETE /api/session` with the session's CSRF token. */
async function signOutElsewhere(request: APIRequestContext): Promise<void> {
  const session = (await (await request.get('/api/session')).json()) as { csrfToken?: string };
  const res = await request.delete('/api/session', {
    headers: { 'X-CSRF-Token': session.csrfToken ?? '', Origin: BASE_URL },
  });
  expect(res.ok()).toBe(true);
}

type Received = { type: string }[];
const received = (page: Page) =>
  page.evaluate(() => (window as unknown as { received: Received }).received);

test.describe('the session ends', () => {
  test('signed out in another tab: back on this tab, the sign-in state at the same URL; signing in continues there', async ({
    page,
    context,
  }) => {
    const url = '/projects/demo/vms?q=no-such-vm-e2e';
    await openIn(page, 'en', url);
    const heading = page.getByRole('heading', { name: 'Virtual Machines', level: 1 });
    await expect(heading).toBeVisible();

    // Another tab of the same browser signs out, then the user comes back to this one.
    const other = await context.newPage();
    await signOutElsewhere(other.request);
    await other.close();
    await page.bringToFront();
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));

    // Its data requests find the session gone: the sign-in state, on the same URL.
    await expect(page.getByText('Your session has expired. Sign in again.')).toBeVisible();
    await expect(heading).toHaveCount(0);
    expect(page.url()).toBe(`${BASE_URL}${url}&lang=en`);
    // A reload still knows it is signed out (it does not sign in as a newcomer).
    await page.reload();
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
    await expect(heading).toHaveCount(0);

    // Signing in again continues where the user was.
    await page.getByRole('button', { name: 'Sign in as admin' }).click();
    await expect(heading).toBeVisible();
    expect(page.url()).toBe(`${BASE_URL}${url}&lang=en`);
  });

  test('во встроенном режиме портал получает dvp:session-expired, а консоль показывает вход', async ({
    page,
    context,
  }) => {
    const stopHost = await startEmbedHost();
    try {
      const src = `${BASE_URL}/projects/demo/vms?embed=1&lang=ru`;
      await page.goto(`http://127.0.0.1:${EMBED_HOST_PORT}/?src=${encodeURIComponent(src)}`);
      const frame = page.getByTitle('Virtualization console').contentFrame();
      await expect(
        frame.getByRole('heading', { name: 'Виртуальные машины', level: 1 }),
      ).toBeVisible();
      await expect
        .poll(async () => (await received(page)).some((m) => m.type === 'dvp:ready'))
        .toBe(true);

      // The cookie the frame uses is cleared (signed out elsewhere in this browser).
      await signOutElsewhere(context.request);
      // The host navigates the console: its next request meets the ended session.
      await page.evaluate(() => {
        (window as unknown as { sendToConsole: (m: unknown) => void }).sendToConsole({
          type: 'dvp:navigate',
          path: '/system/classes',
        });
      });
      await expect
        .poll(async () => (await received(page)).some((m) => m.type === 'dvp:session-expired'))
        .toBe(true);
      await expect(frame.getByText('Сеанс истёк. Войдите снова.')).toBeVisible();
      await expect(frame.getByRole('button', { name: 'Войти', exact: true })).toBeVisible();
    } finally {
      await stopHost();
    }
  });
});
