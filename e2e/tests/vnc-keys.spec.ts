import type { Page } from '@playwright/test';
import { expect, openIn, test } from '../fixtures/index.ts';
import { createRunningVm, deleteVm } from '../fixtures/vm.ts';

const uniq = (prefix: string) => `${prefix}-${Date.now().toString(36)}`;

/** The terminal's visible text (xterm.js's DOM renderer rows). */
const terminal = (page: Page) => page.locator('.xterm-rows');

/** How many pixels of the VNC canvas differ from its top-left pixel (0 while blank). */
async function distinctPixels(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('.console-screen canvas');
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || canvas.width === 0 || canvas.height === 0) return 0;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 4; i < data.length; i += 4) {
      if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) n += 1;
    }
    return n;
  });
}

/** Opens the VNC tab and waits for the guest's screen. */
async function openVnc(page: Page, locale: 'en' | 'ru', name: string) {
  await openIn(page, locale, `/projects/demo/vms/${name}/vnc`);
  const toolbar = page.getByRole('toolbar', {
    name: locale === 'en' ? 'VNC actions' : 'Действия VNC',
  });
  await expect(toolbar.getByRole('status')).toHaveText(
    locale === 'en' ? 'Connected' : 'Подключено',
  );
  await expect
    .poll(() => distinctPixels(page), { timeout: 120_000, message: 'guest screen drawn' })
    .toBeGreaterThan(200);
  return toolbar;
}

/** "Paste as keystrokes" → the text → Type; the dialog closes once every key is sent. */
async function pasteAsKeystrokes(page: Page, text: string) {
  await page
    .getByRole('toolbar', { name: 'VNC actions' })
    .getByRole('button', { name: 'Paste as keystrokes' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Paste as keystrokes' });
  await dialog.getByRole('combobox', { name: 'Keyboard layout of the guest' }).selectOption('us');
  await dialog.getByRole('textbox', { name: 'Text to type' }).fill(text);
  await dialog.getByRole('button', { name: 'Type', exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
}

/** Logs in as the seeds' cloud user on the serial console and waits for the prompt. */
async function serialLogIn(page: Page, region: string, name: string) {
  await expect(terminal(page)).toContainText('login:', { timeout: 120_000 });
  await page.getByRole('region', { name: region }).click();
  await page.keyboard.type('cloud\n');
  await expect(terminal(page)).toContainText('Password:', { timeout: 30_000 });
  await page.keyboard.type('cloud\n');
  await expect(terminal(page)).toContainText(`cloud@${name}`, { timeout: 30_000 });
}

test.describe('VNC keys reach the guest', () => {
  test('Paste as keystrokes logs in on the VGA console and runs a command; its trace shows on the TTY', async ({
    page,
    context,
    bff,
  }) => {
    const { name } = await createRunningVm(bff, uniq('vnc-paste'));
    try {
      // The serial console (TTY tab, a second tab of the same user) watches the guest.
      const tty = await context.newPage();
      await openIn(tty, 'en', `/projects/demo/vms/${name}/tty`);
      await expect(
        tty.getByRole('toolbar', { name: 'Serial console actions' }).getByRole('status'),
      ).toHaveText('Connected');
      await serialLogIn(tty, `Serial console of ${name}`, name);
      // busybox login flushes typed-ahead input before it asks for the password: report when
      // the VGA console's login (getty's `login -- cloud`) is waiting for it.
      await tty.keyboard.type(
        'until ps | grep -q "[l]ogin -- cloud"; do :; done; echo asks-$((3+4))\n',
      );

      await openVnc(page, 'en', name);
      await pasteAsKeystrokes(page, 'cloud\n');
      await expect(terminal(tty)).toContainText('asks-7', { timeout: 60_000 });
      // Password, then a command for the shell that follows (typed ahead, kept by the tty).
      await pasteAsKeystrokes(page, 'cloud\necho vnc-$((6*7)) > ~/from-vnc\n');

      // Only the shell's expansion writes "vnc-42": the typed text has "$((6*7))".
      await tty.keyboard.type('until [ -s ~/from-vnc ]; do sleep 1; done; cat ~/from-vnc\n');
      await expect(terminal(tty)).toContainText('vnc-42', { timeout: 60_000 });
    } finally {
      await deleteVm(bff, name);
    }
  });

  test('Ctrl+Alt+Del на панели VNC перезагружает гостя (видно в серийной консоли)', async ({
    page,
    context,
    bff,
  }) => {
    const { name } = await createRunningVm(bff, uniq('vnc-cad'));
    try {
      const tty = await context.newPage();
      await openIn(tty, 'ru', `/projects/demo/vms/${name}/tty`);
      const ttyBar = tty.getByRole('toolbar', { name: 'Действия серийной консоли' });
      await expect(ttyBar.getByRole('status')).toHaveText('Подключено');
      await expect(terminal(tty)).toContainText('login:', { timeout: 120_000 });
      // Clear keeps only the prompt line: what follows is new output.
      await ttyBar.getByRole('button', { name: 'Очистить' }).click();
      await expect(terminal(tty)).not.toContainText('DVP demo guest');

      const toolbar = await openVnc(page, 'ru', name);
      await toolbar.getByRole('button', { name: 'Ctrl+Alt+Del' }).click();
      // The guest's init runs its ctrlaltdel action (reboot): shutdown, then a new boot.
      await expect(terminal(tty)).toContainText('demo: shutting down', { timeout: 60_000 });
      await expect(terminal(tty)).toContainText('DVP-GUEST-READY', { timeout: 120_000 });
      await expect(terminal(tty)).toContainText('login:', { timeout: 60_000 });
    } finally {
      await deleteVm(bff, name);
    }
  });
});
