import { expect, openIn, seriousA11yViolations, test, type BffApi } from '../fixtures/index.ts';
import { createRunningVm, deleteVm } from '../fixtures/vm.ts';

/**
 * Snapshots as seed 004 describes them: a disk snapshot (snapshot class of the disk's storage,
 * required consistency) restored to a new disk, and a VM snapshot restored to a new VM with name
 * replacements after a conflict preview; both tabs in Russian; the keyboard.
 */

const NS = '/api/v1/namespaces/demo';
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}`;

const phaseOf = (bff: BffApi, path: string) =>
  bff
    .get<{ status?: { phase?: string } }>(path)
    .then((o) => o.status?.phase ?? '')
    .catch(() => '');

async function blankDisk(bff: BffApi, name: string) {
  await bff.post(`${NS}/virtualdisks`, {
    metadata: { name },
    spec: { persistentVolumeClaim: { size: '100Mi' } },
  });
  await expect
    .poll(() => phaseOf(bff, `${NS}/virtualdisks/${name}`), { timeout: 60_000 })
    .toBe('Ready');
}

test.describe('Snapshots', () => {
  test('disk snapshot from the disk page, consistent, restored to a new disk', async ({
    page,
    bff,
  }) => {
    const disk = unique('snap-src');
    const restored = `${disk}-restored`;
    let snapshot = '';
    await blankDisk(bff, disk);
    try {
      await openIn(page, 'en', `/projects/demo/disks/${disk}`);
      await page.getByRole('button', { name: 'Create snapshot' }).click();
      const dialog = page.getByRole('dialog', { name: 'Create disk snapshot' });
      await expect(dialog.getByRole('combobox', { name: 'Disk', exact: true })).toHaveValue(disk);
      const nameBox = dialog.getByRole('textbox', { name: 'Snapshot name' });
      await expect(nameBox).toHaveValue(new RegExp(`^${disk}-\\d+$`));
      snapshot = await nameBox.inputValue();
      // The class of the disk's storage (sandbox-shared) is preselected.
      await expect(
        dialog.getByRole('combobox', { name: 'Snapshot class (VolumeSnapshotClass)' }),
      ).toHaveValue('sandbox-shared-snapshots');
      await expect(dialog.getByRole('switch', { name: 'Required consistency' })).toBeChecked();
      await expect(dialog).toContainText('guest agent (qemu-guest-agent) froze the filesystems');
      await expect(dialog).toContainText('The disk is not attached to a VM');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Create', exact: true }).click();
      await expect(dialog).toBeHidden();
      await expect
        .poll(() => phaseOf(bff, `${NS}/virtualdisksnapshots/${snapshot}`), { timeout: 60_000 })
        .toBe('Ready');
      await expect(
        page.getByRole('region', { name: 'Snapshots of this disk' }).getByRole('link', {
          name: snapshot,
        }),
      ).toBeVisible();

      // The list: phase and the consistent flag; restore through the row menu.
      await openIn(page, 'en', `/projects/demo/snapshots/disks?q=${snapshot}`);
      await expect(page.getByRole('tab', { name: 'Disk snapshots' })).toHaveAttribute(
        'aria-selected',
        'true',
      );
      const row = page.getByRole('row').filter({ hasText: snapshot });
      await expect(row).toContainText('Ready');
      await expect(row.getByRole('cell', { name: 'Yes', exact: true })).toBeVisible();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await row.getByRole('button', { name: `Actions for snapshot ${snapshot}` }).click();
      await page.getByRole('menuitem', { name: 'Restore to a new disk' }).click();

      const create = page.getByRole('dialog', { name: 'Create Disk' });
      await expect(create.getByRole('radio', { name: 'Disk snapshot' })).toBeChecked();
      await expect(create.getByRole('combobox', { name: 'Snapshot' })).toHaveValue(snapshot);
      await create.getByRole('textbox', { name: 'Disk Name' }).fill(restored);
      await create.getByRole('button', { name: 'Create', exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`/projects/demo/disks/${restored}$`));
      await expect
        .poll(() => phaseOf(bff, `${NS}/virtualdisks/${restored}`), { timeout: 60_000 })
        .toBe('Ready');
      await expect(page.getByRole('region', { name: 'Details' })).toContainText(
        `VirtualDiskSnapshot ${snapshot}`,
      );
    } finally {
      await bff.delete(`${NS}/virtualdisks/${restored}`).catch(() => undefined);
      if (snapshot)
        await bff.delete(`${NS}/virtualdisksnapshots/${snapshot}`).catch(() => undefined);
      await bff.delete(`${NS}/virtualdisks/${disk}`).catch(() => undefined);
    }
  });

  test('VM snapshot, then restore to a new VM with name replacements after the conflict preview', async ({
    page,
    bff,
  }) => {
    const vm = unique('snap-vm');
    const newVm = `${vm}-r`;
    const snapshot = `${vm}-snap`;
    await createRunningVm(bff, vm);
    try {
      await openIn(page, 'en', '/projects/demo/snapshots/vms');
      await expect(page.getByRole('heading', { level: 1, name: 'VM snapshots' })).toBeVisible();
      await page.getByRole('button', { name: 'Create VM snapshot' }).click();
      await expect(page).toHaveURL(/[?&]create=1/);
      const dialog = page.getByRole('dialog', { name: 'Create VM snapshot' });
      await dialog.getByRole('combobox', { name: 'Virtual machine' }).fill(vm);
      // One snapshot class per storage class of the VM's disks, the default preselected.
      await expect(
        dialog.getByRole('combobox', { name: 'For storage class sandbox-shared' }),
      ).toHaveValue('sandbox-shared-snapshots');
      await expect(dialog).toContainText(`VM ${vm} is running`);
      await dialog.getByRole('textbox', { name: 'Snapshot name' }).fill(snapshot);
      await expect(dialog.getByRole('switch', { name: 'Keep IP address' })).toBeChecked();
      // A running guest is frozen through its agent; not waiting for it keeps this test about
      // the restore.
      await dialog.getByRole('switch', { name: 'Required consistency' }).click();
      await expect(dialog).toContainText('without freezing and may be inconsistent');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Create', exact: true }).click();
      await expect(dialog).toBeHidden();
      await expect
        .poll(() => phaseOf(bff, `${NS}/virtualmachinesnapshots/${snapshot}`), {
          timeout: 90_000,
        })
        .toBe('Ready');

      const row = page.getByRole('row').filter({ hasText: snapshot });
      await expect(row).toContainText('Ready');
      await row.getByRole('button', { name: `Actions for snapshot ${snapshot}` }).click();
      await page.getByRole('menuitem', { name: 'Restore to a new VM' }).click();
      const restore = page.getByRole('dialog', { name: `Restore ${snapshot} to a new VM` });
      const preview = restore.getByRole('table', {
        name: 'Resources of the snapshot and their new names',
      });
      const summary = restore.getByRole('status');
      // The source VM and its disk still exist: both names collide, nothing can be submitted.
      await expect(
        summary.filter({ hasText: '2 names collide with existing resources' }),
      ).toBeVisible();
      await expect(preview).toContainText(`VirtualMachine ${vm} already exists in this project.`);
      await expect(preview).toContainText(`VirtualDisk ${vm}-root already exists in this project.`);
      await expect(restore.getByRole('button', { name: 'Restore' })).toHaveAttribute(
        'aria-disabled',
        'true',
      );
      await restore.getByRole('textbox', { name: `New name for VirtualMachine ${vm}` }).fill(newVm);
      await expect(
        summary.filter({ hasText: '1 name collides with an existing resource' }),
      ).toBeVisible();
      await restore
        .getByRole('textbox', { name: `New name for VirtualDisk ${vm}-root` })
        .fill(`${newVm}-root`);
      await expect(summary.filter({ hasText: 'No conflicts: every name is free.' })).toBeVisible();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await restore.getByRole('button', { name: 'Restore' }).click();

      // The new VM's page opens under the new name; the source is untouched.
      await expect(page).toHaveURL(new RegExp(`/projects/demo/vms/${newVm}/overview`), {
        timeout: 60_000,
      });
      await expect(page.getByRole('heading', { level: 1, name: newVm })).toBeVisible();
      const restored = await bff.get<{ vm: { spec: { blockDeviceRefs: { name: string }[] } } }>(
        `${NS}/virtualmachines/${newVm}`,
      );
      expect(restored.vm.spec.blockDeviceRefs.map((b) => b.name)).toContain(`${newVm}-root`);
      await bff.get(`${NS}/virtualmachines/${vm}`);
    } finally {
      await deleteVm(bff, newVm);
      await bff.delete(`${NS}/virtualmachinesnapshots/${snapshot}`).catch(() => undefined);
      await deleteVm(bff, vm);
    }
  });

  test('Russian tabs, and a disk snapshot created with the keyboard only', async ({
    page,
    bff,
  }) => {
    const disk = unique('snap-kbd');
    await blankDisk(bff, disk);
    try {
      await openIn(page, 'ru', '/projects/demo/snapshots');
      const tabs = page.getByRole('tablist', { name: 'Снимки' });
      await expect(tabs.getByRole('tab', { name: 'Снимки дисков' })).toHaveAttribute(
        'aria-selected',
        'true',
      );
      await expect(tabs.getByRole('tab', { name: 'Снимки ВМ' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Создать снимок диска' })).toBeVisible();

      await openIn(page, 'en', `/projects/demo/disks/${disk}`);
      await page.getByRole('button', { name: 'Create snapshot' }).focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Create disk snapshot' });
      const nameBox = dialog.getByRole('textbox', { name: 'Snapshot name' });
      await expect(nameBox).toBeFocused();
      const snapshot = await nameBox.inputValue();
      await page.keyboard.press('Enter');
      await expect(dialog).toBeHidden();
      await expect
        .poll(() => phaseOf(bff, `${NS}/virtualdisksnapshots/${snapshot}`), { timeout: 60_000 })
        .toBe('Ready');
      await bff.delete(`${NS}/virtualdisksnapshots/${snapshot}`);
    } finally {
      await bff.delete(`${NS}/virtualdisks/${disk}`).catch(() => undefined);
    }
  });
});
