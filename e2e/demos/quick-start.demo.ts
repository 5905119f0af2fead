import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openIn, test } from '../fixtures/index.ts';
import { REPO_ROOT } from '../fixtures/stack.ts';
import { CLOUD_INIT, ensureImage } from '../fixtures/vm.ts';

/**
 * The seeds' quick start, recorded: create a VM from the project image with a new boot disk and
 * cloud-init, watch it reach Running, log in on the TTY tab, look at the VNC tab. Screenshots for
 * the README land in docs/screenshots/, the video in e2e/demos/out/.
 */
const SHOTS = resolve(REPO_ROOT, 'docs/screenshots');

const shot = (page: Page, name: string) =>
  page.screenshot({ path: resolve(SHOTS, `${name}.png`), animations: 'disabled' });

/** Types like a person, so the video can be followed. */
async function typeSlowly(page: Page, text: string) {
  await page.keyboard.type(text, { delay: 40 });
}

test('quick start: create a VM, Running, TTY login, VNC', async ({ page, bff }) => {
  const image = await ensureImage(bff, 'demo');
  const vm = 'linux-vm';
  const disk = 'linux-disk';

  await openIn(page, 'en', '/projects/demo/vms');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  const form = page.getByRole('form', { name: 'Create virtual machine' });
  await form.getByRole('textbox', { name: 'Name', exact: true }).click();
  await typeSlowly(page, vm);
  await form
    .getByRole('group', { name: 'Boot Disks' })
    .getByRole('button', { name: 'Add', exact: true })
    .click();
  await page.getByRole('button', { name: 'Create new disk' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create new disk' });
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(disk);
  await dialog.getByRole('combobox', { name: 'Source' }).selectOption(image);
  await dialog.getByRole('button', { name: 'Create and add' }).click();
  await expect(dialog).toBeHidden();
  await form.getByRole('switch', { name: 'Cloud-init' }).click();
  await form.getByRole('textbox', { name: 'Cloud-init script' }).fill(CLOUD_INIT);
  await form.getByRole('heading', { name: 'Machine Parameters' }).scrollIntoViewIfNeeded();
  await shot(page, 'vm-create');
  await form.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page).not.toHaveURL(/\/vms\/new/);

  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Virtual Machines' })
    .click();
  const row = page
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: vm, exact: true }) });
  await expect(row).toContainText('Running', { timeout: 150_000 });
  await shot(page, 'vm-list');

  await row.getByRole('link', { name: vm, exact: true }).click();
  await expect(page.getByRole('heading', { name: vm })).toBeVisible();
  await shot(page, 'vm-overview');

  await page.getByRole('tab', { name: 'TTY', exact: true }).click();
  const terminal = page.locator('.xterm-rows');
  await expect(terminal).toContainText('login:', { timeout: 120_000 });
  await page.getByRole('region', { name: `Serial console of ${vm}` }).click();
  await typeSlowly(page, 'cloud\n');
  await expect(terminal).toContainText('Password:', { timeout: 30_000 });
  await typeSlowly(page, 'cloud\n');
  await typeSlowly(page, 'uname -a; uptime\n');
  await expect(terminal).toContainText('load average', { timeout: 60_000 });
  await shot(page, 'vm-tty');

  await page.getByRole('tab', { name: 'VNC', exact: true }).click();
  await expect(page.getByRole('toolbar', { name: 'VNC actions' }).getByRole('status')).toHaveText(
    'Connected',
  );
  // The guest's screen: wait until the canvas shows more than one colour.
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const c = document.querySelector<HTMLCanvasElement>('.console-screen canvas');
          const ctx = c?.getContext('2d');
          if (!c || !ctx || !c.width || !c.height) return 0;
          const d = ctx.getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 4; i < d.length; i += 4) if (d[i] !== d[0] || d[i + 1] !== d[1]) n += 1;
          return n;
        }),
      { timeout: 120_000 },
    )
    .toBeGreaterThan(200);
  await shot(page, 'vm-vnc');
});
