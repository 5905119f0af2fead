import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Locator, Page } from '@playwright/test';
import { expect, openIn, seriousA11yViolations, test } from '../fixtures/index.ts';
import { GATEWAY_PORT } from '../fixtures/stack.ts';
import { DEMO_IMAGE_URL } from '../fixtures/vm.ts';

const NS = '/api/v1/namespaces/demo';
const RUN = Date.now().toString(36);
const MiB = 1024 * 1024;

/** Presses Tab until `target` has focus (keyboard only; fails after 60 steps). */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 60; i += 1) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('the control was not reached with Tab');
}

/**
 * The catalogue's demo image served by the test itself: the first half at once, the rest when
 * the test says so, so the import is seen in progress (the sandbox imports a local file fast).
 */
async function heldSource(): Promise<{ url: string; release: () => void; server: Server }> {
  const file = Buffer.from(await (await fetch(DEMO_IMAGE_URL)).arrayBuffer());
  let release = () => {};
  const gate = new Promise<void>((r) => (release = r));
  const server = createServer((req, res) => {
    res.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(file.length),
    });
    if (req.method === 'HEAD') return void res.end();
    const half = Math.floor(file.length / 2);
    res.write(file.subarray(0, half));
    void gate.then(() => res.end(file.subarray(half)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/demo.qcow2`, release, server };
}

/** A raw disk of `size` bytes: an MBR signature and pseudo-random sectors (not compressible). */
function rawDisk(size: number): Buffer {
  const buf = Buffer.alloc(size);
  let x = 0x2545f491;
  for (let i = 1024; i < size; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    buf.writeUInt32LE(x >>> 0, i);
  }
  buf[510] = 0x55;
  buf[511] = 0xaa;
  return buf;
}

const status = (page: Page) => page.getByRole('group', { name: 'Status' });

test.describe('Disk Images', () => {
  test('HTTP import: the dialog checks the fields, the live progress bar, Ready; list columns; axe', async ({
    page,
    bff,
  }) => {
    const name = `img-http-${RUN}`;
    const source = await heldSource();
    try {
      await openIn(page, 'en', '/projects/demo/images');
      await expect(page.getByRole('heading', { name: 'Disk Images', level: 1 })).toBeVisible();
      expect(await seriousA11yViolations(page)).toEqual([]);

      await page.getByRole('button', { name: 'Create Image' }).click();
      await page.getByRole('menuitem', { name: 'Load data from link (HTTP)' }).click();
      await expect(page).toHaveURL(/create=http/);
      const dialog = page.getByRole('dialog', { name: 'Load data from link (HTTP)' });
      await expect(dialog).toBeVisible();
      expect(await seriousA11yViolations(page)).toEqual([]);

      // Checked in the browser before anything is sent.
      await dialog.getByRole('button', { name: 'Create' }).click();
      await expect(dialog.getByLabel('Image Name')).toHaveAccessibleDescription(/Required/);
      await dialog.getByLabel('Image Name').fill('Bad.Name');
      await dialog.getByLabel('URL').fill('ftp://example.com/disk.img');
      await dialog.getByRole('button', { name: 'Create' }).click();
      await expect(dialog.getByLabel('Image Name')).toHaveAccessibleDescription(/Invalid name/);
      await expect(dialog.getByLabel('URL')).toHaveAccessibleDescription(/http:\/\/ or https:\/\//);

      await dialog.getByLabel('Image Name').fill(name);
      await dialog.getByLabel('URL').fill(source.url);
      await expect(dialog.getByLabel('Storage', { exact: true })).toHaveValue('ContainerRegistry');
      await dialog.getByRole('button', { name: 'Create' }).click();

      // The image page: the status under the name, with a live bar while half the file is in.
      await expect(page).toHaveURL(new RegExp(`/projects/demo/images/${name}$`));
      await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
      await expect(status(page).getByText('Provisioning')).toBeVisible();
      const bar = status(page).getByRole('progressbar', { name: `Progress of ${name}` });
      await expect(bar).toBeVisible();
      const value = Number(await bar.getAttribute('value'));
      expect(value).toBeGreaterThan(0);
      expect(value).toBeLessThan(100);
      expect(await seriousA11yViolations(page)).toEqual([]);

      source.release();
      await expect(status(page).getByText('Ready')).toBeVisible({ timeout: 60_000 });
      await expect(bar).toBeHidden();
      const details = page.getByRole('region', { name: 'Details' });
      await expect(details).toContainText('qcow2');
      await expect(details).toContainText('100%');
      await expect(page.getByRole('region', { name: 'Conditions' })).toContainText(
        'The image is ready',
      );

      // The list: phase, CDROM, progress, sizes, format and storage of the new image.
      await page.getByRole('link', { name: 'Back to Disk Images' }).click();
      const row = page.getByRole('row').filter({ has: page.getByRole('link', { name }) });
      await expect(row).toContainText('Ready');
      await expect(row).toContainText('100%');
      await expect(row).toContainText('qcow2');
      await expect(row).toContainText('ContainerRegistry');
      await expect(row).toContainText('No');
    } finally {
      source.release();
      source.server.close();
      await bff.delete(`${NS}/virtualimages/${name}`).catch(() => undefined);
    }
  });

  test('keyboard only: Create Image from the catalogue link; Used by; Delete with confirmation', async ({
    page,
    bff,
  }) => {
    const name = `img-kbd-${RUN}`;
    const disk = `img-kbd-disk-${RUN}`;
    try {
      await openIn(page, 'en', '/projects/demo/images');
      const menu = page.getByRole('button', { name: 'Create Image' });
      await tabTo(page, menu);
      await page.keyboard.press('Enter');
      await expect(
        page.getByRole('menuitem', { name: 'Load data from link (HTTP)' }),
      ).toBeFocused();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Load data from link (HTTP)' });
      await expect(dialog.getByLabel('Image Name')).toBeFocused();
      await page.keyboard.type(name);
      await page.keyboard.press('Tab');
      await expect(dialog.getByLabel('URL')).toBeFocused();
      // The sandbox's demo catalogue (read by the BFF) is offered as the field's suggestions.
      const listId = await dialog.getByLabel('URL').getAttribute('list');
      expect(listId).toBeTruthy();
      await expect(
        page.locator(`datalist[id="${listId}"] option[value="${DEMO_IMAGE_URL}"]`),
      ).toHaveCount(1);
      await page.keyboard.type(DEMO_IMAGE_URL);
      await tabTo(page, dialog.getByRole('button', { name: 'Create' }));
      await page.keyboard.press('Enter');

      await expect(page).toHaveURL(new RegExp(`/projects/demo/images/${name}$`));
      await expect(status(page).getByText('Ready')).toBeVisible({ timeout: 60_000 });

      // Used by: a disk made from the image appears (live).
      const users = page.getByRole('region', { name: 'Used by' });
      await expect(users).toContainText('No disks or virtual machines');
      await bff.post(`${NS}/virtualdisks`, {
        metadata: { name: disk },
        spec: {
          persistentVolumeClaim: { size: '1Gi' },
          dataSource: { type: 'ObjectRef', objectRef: { kind: 'VirtualImage', name } },
        },
      });
      await expect(users.getByRole('link', { name: disk })).toBeVisible();
      await bff.delete(`${NS}/virtualdisks/${disk}`);

      // YAML tab (read-only).
      await page.getByRole('tab', { name: 'YAML' }).click();
      await expect(page.getByLabel(`YAML of ${name}`)).toHaveValue(/kind: VirtualImage/);
      await page.getByRole('tab', { name: 'Overview' }).click();

      // Delete, confirmed in a dialog that names the image, by keyboard.
      await tabTo(page, page.getByRole('button', { name: 'Delete' }));
      await page.keyboard.press('Enter');
      const confirm = page.getByRole('dialog', { name: `Delete image ${name}?` });
      await expect(confirm).toBeVisible();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await tabTo(page, confirm.getByRole('button', { name: 'Delete image' }));
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(/\/projects\/demo\/images$/);
      await expect(page.getByText(`Image ${name} deleted.`)).toBeVisible();
      await expect(page.getByRole('link', { name, exact: true })).toBeHidden();
    } finally {
      await bff.delete(`${NS}/virtualdisks/${disk}`).catch(() => undefined);
      await bff.delete(`${NS}/virtualimages/${name}`).catch(() => undefined);
    }
  });

  test('Upload from Computer: progress, a cut connection resumed, navigation inside the app, Ready', async ({
    page,
    bff,
  }) => {
    const name = `img-up-${RUN}`;
    const size = 8 * MiB;
    // The second PATCH is held until the test has seen the progress, then its connection is cut.
    let patches = 0;
    let cut = () => {};
    const cutNow = new Promise<void>((r) => (cut = r));
    let held = () => {};
    const isHeld = new Promise<void>((r) => (held = r));
    await page.route('**/api/v1/uploads/*', async (route) => {
      if (route.request().method() === 'PATCH' && ++patches === 2) {
        held();
        await cutNow;
        await route.abort('connectionreset');
        return;
      }
      await route.continue();
    });
    try {
      await openIn(page, 'en', '/projects/demo/images?create=upload');
      const dialog = page.getByRole('dialog', { name: 'Upload from Computer' });
      await expect(dialog.getByRole('group', { name: 'Upload File' })).toBeVisible();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await dialog.getByLabel('Image Name').fill(name);
      await dialog.getByRole('button', { name: 'Create' }).click();
      await expect(dialog.getByText('Select the image file.')).toBeVisible();
      await dialog.getByLabel('Select File on Your Computer').setInputFiles({
        name: 'disk.img',
        mimeType: 'application/octet-stream',
        buffer: rawDisk(size),
      });
      await expect(dialog.getByText('disk.img, 8 MiB')).toBeVisible();
      await dialog.getByRole('button', { name: 'Create' }).click();

      await expect(page).toHaveURL(new RegExp(`/projects/demo/images/${name}$`));
      await isHeld;
      // 1 MiB is in; the bar, the figures, and the page warns before it is closed.
      const bar = page.getByRole('progressbar', { name: 'Upload of disk.img' });
      await expect(bar).toBeVisible();
      await expect(page.getByText('12.5% · 1 MiB of 8 MiB')).toBeVisible();
      await expect(page.getByText(/\/s$/).first()).toBeVisible();
      await expect(page.getByText(/ left$/).first()).toBeVisible();
      const warns = await page.evaluate(() => {
        const e = new Event('beforeunload', { cancelable: true });
        window.dispatchEvent(e);
        return e.defaultPrevented;
      });
      expect(warns).toBe(true);
      expect(await seriousA11yViolations(page)).toEqual([]);

      // Elsewhere in the app the upload goes on, shown in the corner.
      await page.getByRole('link', { name: 'Back to Disk Images' }).click();
      const corner = page.getByRole('region', { name: 'Uploads' });
      await expect(corner.getByRole('progressbar', { name: 'Upload of disk.img' })).toBeVisible();

      cut();
      await expect(corner.getByText(/Connection lost\. Reconnecting/)).toBeVisible();
      await expect(corner.getByText(/Upload complete|File sent/)).toBeVisible({ timeout: 60_000 });
      expect(patches).toBeGreaterThan(2);

      await corner.getByRole('link', { name: `to ${name}` }).click();
      await expect(status(page).getByText('Ready')).toBeVisible({ timeout: 60_000 });
      await expect(page.getByRole('region', { name: 'Details' })).toContainText('raw');
      await expect(page.getByRole('region', { name: 'Details' })).toContainText(
        'Upload from computer',
      );
    } finally {
      await page.unrouteAll({ behavior: 'ignoreErrors' });
      await bff.delete(`${NS}/virtualimages/${name}`).catch(() => undefined);
    }
  });

  test('Russian: the Create Image menu in the seeds’ words', async ({ page }) => {
    await openIn(page, 'ru', '/projects/demo/images');
    await expect(page.getByRole('heading', { name: 'Образы дисков', level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'Создать образ' }).click();
    const menu = page.getByRole('menu', { name: 'Создать образ' });
    await expect(menu.getByRole('menuitem')).toHaveText([
      'Загрузить данные по ссылке (HTTP)',
      'Загрузить данные из образа контейнера',
      'Загрузить с компьютера',
      'Создать из диска или образа',
    ]);
    await menu.getByRole('menuitem', { name: 'Загрузить с компьютера' }).click();
    const dialog = page.getByRole('dialog', { name: 'Загрузить с компьютера' });
    await expect(dialog.getByLabel('Имя образа')).toBeVisible();
    await expect(dialog.getByLabel('Выберите файл на компьютере')).toBeAttached();
    await expect(dialog.getByLabel('Хранилище', { exact: true })).toBeVisible();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

test.describe('Cluster Images', () => {
  test('an admin loads one from a container image; a viewer sees Create and Delete disabled', async ({
    page,
    bff,
  }) => {
    const name = `cvi-reg-${RUN}`;
    try {
      await openIn(page, 'en', '/system/cluster-images');
      await expect(page.getByRole('heading', { name: 'Cluster Images', level: 1 })).toBeVisible();
      await page.getByRole('button', { name: 'Create Image' }).click();
      await expect(page.getByRole('menuitem')).toHaveText([
        'Download Data via Link (HTTP)',
        'Load Data from Container Image',
        'Upload from Computer',
        'Create from Disk or Image',
      ]);
      await page.getByRole('menuitem', { name: 'Load Data from Container Image' }).click();
      const dialog = page.getByRole('dialog', { name: 'Load Data from Container Image' });
      expect(await seriousA11yViolations(page)).toEqual([]);
      await dialog.getByLabel('Image Name').fill(name);
      await dialog
        .getByLabel('Image in Container Registry')
        .fill(`127.0.0.1:${GATEWAY_PORT}/catalogue/demo:latest`);
      // Cluster images are always kept in the registry: no storage choice.
      await expect(dialog.getByLabel('Storage', { exact: true })).toHaveCount(0);
      await dialog.getByRole('button', { name: 'Create' }).click();

      await expect(page).toHaveURL(new RegExp(`/system/cluster-images/${name}$`));
      await expect(status(page).getByText('Ready')).toBeVisible({ timeout: 60_000 });
      await expect(page.getByRole('region', { name: 'Used by' })).toContainText(
        'No project uses this image.',
      );
      expect(await seriousA11yViolations(page)).toEqual([]);

      await page.getByRole('combobox', { name: 'Switch user' }).selectOption('bob');
      await expect(page.getByRole('combobox', { name: 'Switch user' })).toHaveValue('bob');
      await expect(page.getByRole('button', { name: 'Delete' })).toHaveAttribute(
        'aria-disabled',
        'true',
      );
      await page.getByRole('link', { name: 'Back to Cluster Images' }).click();
      const create = page.getByRole('button', { name: 'Create Image' });
      await expect(create).toHaveAttribute('aria-disabled', 'true');
      await expect(create).toHaveAccessibleDescription('You do not have permission to do this.');
      await expect(page.getByRole('link', { name })).toBeVisible();
    } finally {
      await bff.delete(`/api/v1/cluster/clustervirtualimages/${name}`).catch(() => undefined);
    }
  });
});
