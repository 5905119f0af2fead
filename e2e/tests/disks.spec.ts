import type { Locator, Page } from '@playwright/test';
import { expect, openIn, seriousA11yViolations, test, type BffApi } from '../fixtures/index.ts';
import { createRunningVm, deleteVm, ensureImage } from '../fixtures/vm.ts';

/**
 * "VM Disks" following seed 000's "How to create a virtual machine disk … in the web interface"
 * (Russian twin: seed 003) and seed 004's "Change disk size": Create Disk from an image with the
 * default size, the live dry run, resize (online, for an attached disk), delete blocked while
 * attached, the Russian dialog, and the keyboard.
 */

const NS = '/api/v1/namespaces/demo';
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}`;

interface Disk {
  status?: { phase?: string; capacity?: string };
}

const phaseOf = (bff: BffApi, name: string) =>
  bff
    .get<Disk>(`${NS}/virtualdisks/${name}`)
    .then((d) => d.status?.phase ?? '')
    .catch(() => '');

async function blankDisk(bff: BffApi, name: string, size = '100Mi') {
  await bff.post(`${NS}/virtualdisks`, {
    metadata: { name },
    spec: { persistentVolumeClaim: { size } },
  });
  await expect.poll(() => phaseOf(bff, name), { timeout: 60_000 }).toBe('Ready');
}

/** The image's unpacked size rounded up to whole MiB, as the form proposes it. */
async function proposedSize(bff: BffApi, image: string): Promise<string> {
  const img = await bff.get<{ status?: { size?: { unpackedBytes?: string } } }>(
    `${NS}/virtualimages/${image}`,
  );
  const mib = Math.ceil(Number(img.status?.size?.unpackedBytes ?? 0) / 2 ** 20);
  return mib % 1024 === 0 ? `${mib / 1024}Gi` : `${mib}Mi`;
}

function createDialog(page: Page, name = 'Create Disk'): Locator {
  return page.getByRole('dialog', { name });
}

test.describe('VM Disks', () => {
  test('Create Disk from a project image with the proposed size → the disk page, provisioned', async ({
    page,
    bff,
  }) => {
    const image = await ensureImage(bff, 'demo');
    const size = await proposedSize(bff, image);
    const name = unique('disk-img');
    try {
      await openIn(page, 'en', '/projects/demo/disks');
      await expect(page.getByRole('heading', { level: 1, name: 'VM Disks' })).toBeVisible();
      await expect(page.getByText(/WaitForFirstConsumer setting stays in the/)).toBeVisible();
      await page.getByRole('button', { name: 'Create Disk' }).click();
      await expect(page).toHaveURL(/[?&]create=1/);
      const dialog = createDialog(page);
      await expect(dialog).toBeVisible();
      await expect(dialog.getByRole('textbox', { name: 'Disk Name' })).toBeFocused();
      await dialog.getByRole('textbox', { name: 'Disk Name' }).fill(name);
      const source = dialog.getByRole('group', { name: 'Source' });
      await expect(source.getByRole('radio', { name: 'Project' })).toBeChecked();
      await source.getByRole('combobox', { name: 'Image' }).selectOption(image);
      // The size is the image's unpacked size, proposed and enforced as the minimum.
      const sizeBox = dialog.getByRole('textbox', { name: 'Size' });
      await expect(sizeBox).toHaveValue(size);
      await expect(dialog.getByText(`At least ${size}, the image's unpacked size`)).toBeVisible();
      await sizeBox.fill('1Mi');
      await expect(dialog.getByText(`The size must be at least ${size}`)).toBeVisible();
      await sizeBox.fill(size);
      await expect(dialog.getByText(`The size must be at least ${size}`)).toHaveCount(0);
      // The default StorageClass is preselected.
      await expect(
        dialog.getByRole('combobox', { name: 'StorageClass Name' }).locator('option:checked'),
      ).toHaveText('sandbox-shared (default)');
      expect(await seriousA11yViolations(page)).toEqual([]);

      await dialog.getByRole('button', { name: 'Create', exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`/projects/demo/disks/${name}$`));
      await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
      await expect
        .poll(() => phaseOf(bff, name), { timeout: 90_000 })
        .toMatch(/^(Ready|WaitForFirstConsumer)$/);
      const facts = page.getByRole('region', { name: 'Details' });
      await expect(facts).toContainText(`VirtualImage ${image}`);
      await expect(facts).toContainText('sandbox-shared');
      await expect(page.getByRole('region', { name: 'Conditions' })).toContainText(
        /The disk is ready\.|Waiting for the first consumer/,
      );
      expect(await seriousA11yViolations(page)).toEqual([]);

      // The list shows it with its capacity and storage class.
      await openIn(page, 'en', `/projects/demo/disks?q=${name}`);
      const row = page.getByRole('row').filter({ hasText: name });
      await expect(row).toContainText('sandbox-shared');
      expect(await seriousA11yViolations(page)).toEqual([]);
    } finally {
      await bff.delete(`${NS}/virtualdisks/${name}`).catch(() => undefined);
    }
  });

  test('the dry run names a taken name before Create; blank disks need a size', async ({
    page,
    bff,
  }) => {
    const taken = unique('disk-taken');
    await blankDisk(bff, taken);
    try {
      await openIn(page, 'en', '/projects/demo/disks?create=1');
      const dialog = createDialog(page);
      await dialog.getByRole('textbox', { name: 'Disk Name' }).fill(taken);
      await dialog.getByRole('radio', { name: 'Blank disk' }).check();
      await dialog.getByRole('button', { name: 'Create', exact: true }).click();
      await expect(dialog.getByText('Enter the size of the blank disk')).toBeVisible();
      await dialog.getByRole('textbox', { name: 'Size' }).fill('64Mi');
      // Nothing submitted: the server's dry run finds the name taken.
      await expect(dialog.getByText(`A disk named ${taken} already exists`)).toBeVisible();
      await expect(dialog.getByRole('textbox', { name: 'Disk Name' })).toHaveAttribute(
        'aria-invalid',
        'true',
      );
    } finally {
      await bff.delete(`${NS}/virtualdisks/${taken}`).catch(() => undefined);
    }
  });

  test('an attached disk grows online, and delete is blocked naming the VM', async ({
    page,
    bff,
  }) => {
    const vm = unique('disk-vm');
    const disk = `${vm}-root`;
    await createRunningVm(bff, vm);
    try {
      await openIn(page, 'en', `/projects/demo/disks/${disk}`);
      await expect(page.getByRole('heading', { level: 1, name: disk })).toBeVisible();
      const facts = page.getByRole('region', { name: 'Details' });
      await expect(facts.getByRole('link', { name: vm })).toBeVisible();
      await expect(facts).toContainText('1Gi');
      const del = page.getByRole('button', { name: 'Delete', exact: true });
      await expect(del).toHaveAttribute('aria-disabled', 'true');
      await expect(del).toHaveAccessibleDescription(
        `Attached to VM ${vm}: detach it from the VM first.`,
      );

      await page.getByRole('button', { name: 'Resize' }).click();
      const dialog = page.getByRole('dialog', { name: `Resize disk ${disk}` });
      await expect(dialog).toContainText(`attached to VM ${vm}: it grows online`);
      const size = dialog.getByRole('textbox', { name: 'New size' });
      await expect(size).toBeFocused();
      await size.fill('512Mi');
      await expect(dialog.getByText('disks can only grow')).toBeVisible();
      await size.fill('2Gi');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Resize' }).click();
      await expect(dialog).toBeHidden();
      await expect
        .poll(() => bff.get<Disk>(`${NS}/virtualdisks/${disk}`).then((d) => d.status?.capacity), {
          timeout: 60_000,
        })
        .toBe('2Gi');
      await expect(facts).toContainText('2Gi (2 GiB)');
      expect(
        (await bff.get<{ vm: { status?: { phase?: string } } }>(`${NS}/virtualmachines/${vm}`)).vm
          .status?.phase,
      ).toBe('Running');

      // The list's row menu says the same.
      await openIn(page, 'en', `/projects/demo/disks?q=${disk}`);
      const row = page.getByRole('row').filter({ hasText: disk });
      await expect(row.getByRole('link', { name: vm, exact: true })).toBeVisible();
      await row.getByRole('button', { name: `Actions for disk ${disk}` }).click();
      const item = page.getByRole('menuitem', { name: /Delete/ });
      await expect(item).toHaveAttribute('aria-disabled', 'true');
      await expect(item).toContainText(`Attached to VM ${vm}`);
    } finally {
      await deleteVm(bff, vm);
    }
  });

  test('Russian: the Create Disk dialog uses the seed 003 wording', async ({ page }) => {
    await openIn(page, 'ru', '/projects/demo/disks?create=1');
    await expect(page.getByRole('heading', { level: 1, name: 'Диски ВМ' })).toBeVisible();
    const dialog = createDialog(page, 'Создать диск');
    await expect(dialog.getByRole('textbox', { name: 'Имя диска' })).toBeVisible();
    const source = dialog.getByRole('group', { name: 'Источник' });
    await expect(source.getByRole('radio', { name: 'Проектные' })).toBeChecked();
    await expect(source.getByRole('radio', { name: 'Кластерные' })).toBeVisible();
    await expect(dialog.getByRole('textbox', { name: 'Размер' })).toBeVisible();
    await expect(dialog.getByRole('combobox', { name: 'Имя StorageClass' })).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Создать', exact: true })).toBeVisible();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  test('keyboard only: open Create Disk, make a blank disk, land on its page', async ({
    page,
    bff,
  }) => {
    const name = unique('disk-kbd');
    try {
      await openIn(page, 'en', '/projects/demo/disks');
      await page.getByRole('button', { name: 'Create Disk' }).focus();
      await page.keyboard.press('Enter');
      const dialog = createDialog(page);
      await expect(dialog.getByRole('textbox', { name: 'Disk Name' })).toBeFocused();
      await page.keyboard.type(name);
      await page.keyboard.press('Tab');
      await expect(dialog.getByRole('radio', { name: 'Project' })).toBeFocused();
      // Arrows move through the source choices: Project → Cluster → Disk snapshot → Blank disk.
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
      await expect(dialog.getByRole('radio', { name: 'Blank disk' })).toBeChecked();
      await page.keyboard.press('Tab');
      await expect(dialog.getByRole('textbox', { name: 'Size' })).toBeFocused();
      await page.keyboard.type('64Mi');
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(new RegExp(`/projects/demo/disks/${name}$`));
      await expect.poll(() => phaseOf(bff, name), { timeout: 60_000 }).toBe('Ready');
      await expect(page.getByRole('region', { name: 'Details' })).toContainText('Blank disk');
      // Escape closes a dialog and the URL forgets it.
      await page.getByRole('button', { name: 'Resize' }).focus();
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(/[?&]resize=/);
      await page.keyboard.press('Escape');
      await expect(page).not.toHaveURL(/[?&]resize=/);
    } finally {
      await bff.delete(`${NS}/virtualdisks/${name}`).catch(() => undefined);
    }
  });
});
