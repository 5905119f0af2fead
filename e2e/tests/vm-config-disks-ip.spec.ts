import type { Page } from '@playwright/test';
import { expect, openIn, seriousA11yViolations, test, type BffApi } from '../fixtures/index.ts';
import { createRunningVm, deleteVm } from '../fixtures/vm.ts';

const NS = '/api/v1/namespaces/demo';
const VMS = `${NS}/virtualmachines`;
const uniq = (prefix: string) => `${prefix}-${Date.now().toString(36)}`;
const configPath = (name: string) => `/projects/demo/vms/${name}/configuration`;

interface Vmip {
  metadata: { name: string };
  spec?: { type?: string; staticIP?: string };
  status?: { address?: string; phase?: string };
}

interface Detail {
  vm: {
    spec: { virtualMachineIPAddressName?: string; networks?: { type: string; name?: string }[] };
    status?: { ipAddress?: string; virtualMachineIPAddressName?: string };
  };
  disks: { metadata: { name: string }; status?: { capacity?: string } }[];
  attachments: { metadata: { name: string }; spec: { blockDeviceRef: { name: string } } }[];
  ipAddress: Vmip | null;
}

const detailOf = (bff: BffApi, name: string) => bff.get<Detail>(`${VMS}/${name}`);

/** `spec.networks` as type and name (the API fills in ids). */
const networksOf = async (bff: BffApi, name: string) =>
  ((await detailOf(bff, name)).vm.spec.networks ?? []).map((n) =>
    n.name ? `${n.type}/${n.name}` : n.type,
  );

/** Save → the diff dialog (returned open). */
async function review(page: Page, save = 'Save', title = 'Save these changes?') {
  await page.getByRole('button', { name: save, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: title });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** An address of the sandbox's second VM range that no VirtualMachineIPAddress holds. */
async function freeAddress(bff: BffApi): Promise<string> {
  const { items } = await bff.get<{ items: Vmip[] }>(`${NS}/virtualmachineipaddresses`);
  const used = new Set(items.map((i) => i.status?.address ?? i.spec?.staticIP));
  for (;;) {
    const ip = `10.66.20.${100 + Math.floor(Math.random() * 150)}`;
    if (!used.has(ip)) return ip;
  }
}

test.describe('Configuration: IP address, disks, networks', () => {
  test('a static IP address: Save → diff → Restart; the VM uses a Static VirtualMachineIPAddress with it', async ({
    page,
    bff,
  }) => {
    const name = uniq('cfg-ip');
    await createRunningVm(bff, name);
    const ip = await freeAddress(bff);
    const vmip = `${name}-ip-${ip.replaceAll('.', '-')}`;
    try {
      await expect
        .poll(async () => (await detailOf(bff, name)).ipAddress?.status?.address ?? '')
        .toMatch(/^10\.66\./);
      await openIn(page, 'en', configPath(name));
      await expect(
        page.getByText(/^IP address: 10\.66\.\S+ \(VirtualMachineIPAddress \S+, Auto\)$/),
      ).toBeVisible();
      await page.getByLabel('New static IP address', { exact: true }).fill('10.66.20.999');
      await expect(page.getByText('Enter an IPv4 address such as 10.66.10.20.')).toBeVisible();
      await page.getByLabel('New static IP address', { exact: true }).fill(ip);
      const dialog = await review(page);
      await expect(
        dialog.getByRole('row', { name: `spec.virtualMachineIPAddressName — ${vmip}` }),
      ).toBeVisible();
      await expect(dialog.getByText(`Create the static IP address ${ip} (${vmip})`)).toBeVisible();
      await dialog.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(dialog).toBeHidden();
      await expect
        .poll(async () => (await detailOf(bff, name)).vm.spec.virtualMachineIPAddressName)
        .toBe(vmip);
      const created = await bff.get<Vmip>(`${NS}/virtualmachineipaddresses/${vmip}`);
      expect(created.spec).toEqual({ type: 'Static', staticIP: ip });

      // The address of a running guest changes with a restart (it waits among the changes).
      const warning = page.getByText('The VM must be restarted to apply these changes');
      await expect(warning).toBeVisible();
      await expect(page.getByRole('list', { name: 'Changes awaiting a restart' })).toContainText(
        'virtualMachineIPAddressName',
      );
      await page.getByRole('button', { name: 'Restart', exact: true }).click();
      await expect(warning).toBeHidden({ timeout: 150_000 });
      await expect
        .poll(
          async () => {
            const d = await detailOf(bff, name);
            return [d.ipAddress?.metadata.name, d.ipAddress?.spec?.type, d.vm.status?.ipAddress];
          },
          { timeout: 60_000 },
        )
        .toEqual([vmip, 'Static', ip]);
      await expect(
        page.getByText(`IP address: ${ip} (VirtualMachineIPAddress ${vmip}, Static)`),
      ).toBeVisible();
    } finally {
      await deleteVm(bff, name);
      await bff.delete(`${NS}/virtualmachineipaddresses/${vmip}`).catch(() => undefined);
    }
  });

  test('grow the boot disk and see its capacity; delete an additional disk after confirming', async ({
    page,
    bff,
  }) => {
    const name = uniq('cfg-dsk');
    const root = `${name}-root`;
    const extra = `${name}-extra`;
    await createRunningVm(bff, name);
    await bff.post(`${NS}/virtualdisks`, {
      metadata: { name: extra },
      spec: { persistentVolumeClaim: { size: '100Mi' } },
    });
    await bff.post(`${NS}/virtualmachineblockdeviceattachments`, {
      metadata: { name: extra },
      spec: { virtualMachineName: name, blockDeviceRef: { kind: 'VirtualDisk', name: extra } },
    });
    try {
      await openIn(page, 'en', configPath(name));
      const size = page.getByLabel(`Size of ${root}`, { exact: true });
      await expect(size).toHaveValue('1Gi');
      await expect(page.getByText('Capacity: 1 GiB', { exact: true })).toBeVisible();
      await size.fill('512Mi');
      await expect(page.getByText('A disk can only grow: enter 1Gi or more.')).toBeVisible();
      await size.fill('2Gi');
      const d1 = await review(page);
      await expect(d1.getByText(`Resize disk ${root}: 1Gi → 2Gi`)).toBeVisible();
      await d1.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(d1).toBeHidden();
      // The disk grows under the running VM; its reported capacity follows live.
      await expect(page.getByText('Capacity: 2 GiB', { exact: true })).toBeVisible({
        timeout: 60_000,
      });
      await expect(size).toHaveValue('2Gi');
      await expect
        .poll(
          async () =>
            (await detailOf(bff, name)).disks.find((d) => d.metadata.name === root)?.status
              ?.capacity,
        )
        .toBe('2Gi');

      // Additional Disks → Delete → "Delete the disk?" → Delete; Save detaches, then deletes it.
      const list = page.getByRole('list', { name: 'Additional Disks' });
      const item = list.getByRole('listitem').filter({ hasText: extra });
      await expect(item.getByText('Attached', { exact: true })).toBeVisible({ timeout: 120_000 });
      await item.getByRole('button', { name: `Delete ${extra}` }).click();
      const confirm = page.getByRole('dialog', { name: 'Delete the disk?' });
      await expect(confirm).toContainText(`The disk ${extra} is detached and then deleted`);
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      await expect(item.getByText('Deleted on save')).toHaveCount(0);
      await item.getByRole('button', { name: `Delete ${extra}` }).click();
      await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
      await expect(item.getByText('Deleted on save')).toBeVisible();
      const d2 = await review(page);
      await expect(d2.getByText(`Detach disk ${extra}`)).toBeVisible();
      await expect(d2.getByText(`Delete disk ${extra}`)).toBeVisible();
      await d2.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(d2).toBeHidden();
      await expect(item).toHaveCount(0, { timeout: 60_000 });
      await expect
        .poll(
          () =>
            bff.get(`${NS}/virtualdisks/${extra}`).then(
              () => 'exists',
              (e: Error) => (e.message.includes('→ 404') ? 'gone' : e.message),
            ),
          { timeout: 60_000 },
        )
        .toBe('gone');
      expect((await detailOf(bff, name)).attachments).toEqual([]);
    } finally {
      await bff
        .delete(`${NS}/virtualmachineblockdeviceattachments/${extra}`)
        .catch(() => undefined);
      await deleteVm(bff, name);
      await bff.delete(`${NS}/virtualdisks/${extra}`).catch(() => undefined);
    }
  });

  test('Сети: основная сеть первой и неудаляемая, дополнительная сеть добавляется в конец', async ({
    page,
    bff,
  }) => {
    const name = uniq('cfg-net');
    await createRunningVm(bff, name);
    try {
      await openIn(page, 'ru', configPath(name));
      const networks = page.getByRole('list', { name: 'Сети' });
      await expect(networks.getByRole('listitem')).toHaveCount(1);
      await expect(networks.getByRole('listitem').first()).toContainText('Основная сеть кластера');
      await expect(networks.getByRole('button')).toHaveCount(0);
      await page.getByRole('button', { name: 'Добавить сеть' }).click();
      await expect(networks.getByRole('listitem')).toHaveCount(2);
      await page.getByRole('combobox', { name: 'Тип сети 2' }).selectOption('ClusterNetwork');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
      await expect(page.getByText('Введите название сети.')).toBeVisible();
      await page.getByLabel('Название сети 2', { exact: true }).fill('corp-net');
      const dialog = await review(page, 'Сохранить', 'Сохранить изменения?');
      await expect(dialog.getByRole('row', { name: /^spec\.networks / })).toContainText('corp-net');
      await dialog.getByRole('button', { name: 'Сохранить', exact: true }).click();
      await expect(dialog).toBeHidden();
      await expect.poll(() => networksOf(bff, name)).toEqual(['Main', 'ClusterNetwork/corp-net']);
      // Applies with a restart (seed 000); the list shows what was saved.
      await expect(
        page.getByText('Чтобы применить эти изменения конфигурации, ВМ нужно перезагрузить.'),
      ).toBeVisible();
      await expect(page.getByLabel('Название сети 2', { exact: true })).toHaveValue('corp-net');
      await page.getByRole('button', { name: 'Удалить сеть 2' }).click();
      const d2 = await review(page, 'Сохранить', 'Сохранить изменения?');
      await d2.getByRole('button', { name: 'Сохранить', exact: true }).click();
      await expect(d2).toBeHidden();
      await expect.poll(() => networksOf(bff, name)).toEqual(['Main']);
    } finally {
      await deleteVm(bff, name);
    }
  });
});
