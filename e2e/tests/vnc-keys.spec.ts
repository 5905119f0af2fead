import type { Page } from '@playwright/test';
import { expect, openIn, test } from '../fixtures/index.ts';
import { distinctPixels, serialLogIn, terminal, unique } from '../fixtures/console.ts';
import { createRunningVm, deleteVm } from '../fixtures/vm.ts';

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

test.describe('VNC keys reach the guest', () => {
  test('Paste as keystrokes logs in on the VGA console and runs a command; its trace shows on the TTY', async ({
    page,
    context,
    bff,
  }) => {
    const { name } = await createRunningVm(bff, unique('vnc-paste'));
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
    const { name } = await createRunningVm(bff, unique('vnc-cad'));
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
