import type { Page } from '@playwright/test';
import { expect, openIn, seriousA11yViolations, test, type BffApi } from '../fixtures/index.ts';
import { createRunningVm, deleteVm } from '../fixtures/vm.ts';

const NS = '/api/v1/namespaces/demo';
const VMS = `${NS}/virtualmachines`;
const uniq = (prefix: string) => `${prefix}-${Date.now().toString(36)}`;

interface Detail {
  vm: {
    metadata: { resourceVersion: string; labels?: Record<string, string> };
    spec: { cpu: { cores: number }; nodeSelector?: Record<string, string> };
    status?: { resources?: { cpu?: { cores: number } } };
  };
  attachments: { metadata: { name: string }; spec: { blockDeviceRef: { name: string } } }[];
  ipAddress: { metadata: { name: string; ownerReferences?: unknown[] } } | null;
}

interface VmClass {
  spec: {
    sizingPolicies?: {
      cores?: { min: number; max: number };
      coreFractions?: (string | number)[];
    }[];
  };
}

const configPath = (name: string) => `/projects/demo/vms/${name}/configuration`;

/** Save → the diff dialog (returned open). */
async function review(page: Page) {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Save these changes?' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** A core fraction the `generic` class forbids for `cores` (read from the class itself). */
async function forbiddenFraction(bff: BffApi, cores: number): Promise<string> {
  const cls = await bff.get<VmClass>('/api/v1/cluster/virtualmachineclasses/generic');
  const policy = (cls.spec.sizingPolicies ?? []).find(
    (p) => p.cores && cores >= p.cores.min && cores <= p.cores.max,
  );
  const allowed = new Set((policy?.coreFractions ?? []).map((f) => Number.parseInt(String(f), 10)));
  expect(allowed.size, 'the generic class restricts core fractions').toBeGreaterThan(0);
  const n = [7, 13, 33, 42, 77, 99].find((x) => !allowed.has(x));
  return `${n ?? 1}%`;
}

test.describe('the VM Configuration tab', () => {
  test('cores 1 → 2: diff dialog, pending restart warning, Restart applies it; Russian; axe', async ({
    page,
    bff,
  }) => {
    const name = uniq('cfg-cores');
    await createRunningVm(bff, name, { cores: 1 });
    try {
      await openIn(page, 'en', configPath(name));
      const cores = page.getByLabel('Cores', { exact: true });
      await expect(cores).toHaveValue('1');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await cores.fill('2');
      const dialog = await review(page);
      await expect(dialog.getByRole('row', { name: 'spec.cpu.cores 1 2' })).toBeVisible();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(dialog).toBeHidden();

      const warning = page.getByText('The VM must be restarted to apply these changes');
      await expect(warning).toBeVisible();
      await expect(page.getByRole('list', { name: 'Changes awaiting a restart' })).toContainText(
        'cpu.cores',
      );
      await page.getByRole('button', { name: 'Restart', exact: true }).click();
      await expect(warning).toBeHidden({ timeout: 150_000 });
      await expect
        .poll(
          async () => (await bff.get<Detail>(`${VMS}/${name}`)).vm.status?.resources?.cpu?.cores,
        )
        .toBe(2);
      await expect(cores).toHaveValue('2');

      await openIn(page, 'ru', configPath(name));
      for (const heading of [
        'Параметры машины',
        'Дополнительные параметры',
        'Размещение',
        'Диски и образы',
      ])
        await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
      for (const label of ['Ядер', 'Доля ЦП', 'Политика запуска', 'Автоприменение изменений'])
        await expect(page.getByLabel(label, { exact: true })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Загрузочные диски' })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Дополнительные диски' })).toBeVisible();
    } finally {
      await deleteVm(bff, name);
    }
  });

  test('sizing policy error before saving; 409 Conflict and reload-and-reapply; nodeSelector', async ({
    page,
    bff,
  }) => {
    const name = uniq('cfg-edit');
    await createRunningVm(bff, name, { cores: 1 });
    try {
      await openIn(page, 'en', configPath(name));
      const share = page.getByLabel('CPU Share', { exact: true });
      await expect(share).toHaveValue('10%');
      const bad = await forbiddenFraction(bff, 1);
      await share.fill(bad);
      await expect(
        page.getByRole('alert').filter({ hasText: 'does not allow CPU share' }),
      ).toBeVisible();
      await expect(share).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByRole('button', { name: 'Save', exact: true })).toHaveAttribute(
        'aria-disabled',
        'true',
      );
      await share.fill('10%');
      await expect(share).not.toHaveAttribute('aria-invalid', 'true');

      // Someone else changes the VM while this user edits: 409 on save, then re-apply.
      await page.getByLabel('Cores', { exact: true }).fill('2');
      const before = await bff.get<Detail>(`${VMS}/${name}`);
      await bff.patch(`${VMS}/${name}`, {
        metadata: {
          resourceVersion: before.vm.metadata.resourceVersion,
          labels: { touched: 'yes' },
        },
      });
      await expect(page.getByText('This VM was changed on the server')).toBeVisible();
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      const conflict = page.getByRole('alert').filter({ hasText: 'Changed elsewhere' });
      const dialog = page.getByRole('dialog', { name: 'Save these changes?' });
      await expect(conflict.or(dialog)).toBeVisible();
      if (await dialog.isVisible())
        await dialog.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(conflict).toBeVisible();
      await conflict.getByRole('button', { name: 'Reload and re-apply my change' }).click();
      await expect(dialog.getByRole('row', { name: 'spec.cpu.cores 1 2' })).toBeVisible();
      await dialog.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(dialog).toBeHidden();
      await expect
        .poll(async () => {
          const d = await bff.get<Detail>(`${VMS}/${name}`);
          return [d.vm.spec.cpu.cores, d.vm.metadata.labels?.touched];
        })
        .toEqual([2, 'yes']);

      // Placement → Run on nodes → Select nodes by labels → Add → Key/Value → Save.
      const nodes = page.getByRole('group', { name: 'Select nodes by labels' });
      await page.getByRole('button', { name: 'Add to Select nodes by labels' }).click();
      await nodes.getByLabel('Key', { exact: true }).fill('e2e-tier');
      await nodes.getByLabel('Value', { exact: true }).fill('gold');
      const d2 = await review(page);
      await expect(
        d2.getByRole('row', { name: 'spec.nodeSelector.e2e-tier — gold' }),
      ).toBeVisible();
      await d2.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(d2).toBeHidden();
      await expect
        .poll(async () => (await bff.get<Detail>(`${VMS}/${name}`)).vm.spec.nodeSelector)
        .toEqual({ 'e2e-tier': 'gold' });

      // Unsaved-changes guard: leaving the tab with edits asks first.
      await page.getByLabel('Cores', { exact: true }).fill('4');
      await expect(page.getByRole('status').filter({ hasText: '1 unsaved change' })).toBeVisible();
      const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
      await page.getByRole('tab', { name: 'Overview' }).click();
      await expect(leave).toBeVisible();
      await leave.getByRole('button', { name: 'Stay', exact: true }).click();
      await expect(leave).toBeHidden();
      await expect(page).toHaveURL(/\/configuration/);
      await expect(page.getByLabel('Cores', { exact: true })).toHaveValue('4');
      await page.getByRole('tab', { name: 'Overview' }).click();
      await leave.getByRole('button', { name: 'Leave', exact: true }).click();
      await expect(page).toHaveURL(/\/overview/);
    } finally {
      await deleteVm(bff, name);
    }
  });

  test('attach an additional disk (phase shown); keep the IP address after delete', async ({
    page,
    bff,
  }) => {
    const name = uniq('cfg-disk');
    const disk = `${name}-extra`;
    await createRunningVm(bff, name);
    await bff.post(`${NS}/virtualdisks`, {
      metadata: { name: disk },
      spec: { persistentVolumeClaim: { size: '100Mi' } },
    });
    try {
      await openIn(page, 'en', configPath(name));
      const picker = page.getByLabel('Disk to attach', { exact: true });
      await expect(picker.locator('option', { hasText: disk })).toHaveCount(1);
      await picker.selectOption(disk);
      await page.getByRole('button', { name: 'Attach', exact: true }).click();
      const dialog = await review(page);
      await expect(dialog.getByText(`Attach disk ${disk}`)).toBeVisible();
      await dialog.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(dialog).toBeHidden();
      const list = page.getByRole('list', { name: 'Additional Disks' });
      const item = list.getByRole('listitem').filter({ hasText: disk });
      await expect(item).toBeVisible();
      await expect(item.getByText(/^(Pending|In progress|InProgress|Attached)$/)).toBeVisible();
      await expect(item.getByText('Attached', { exact: true })).toBeVisible({ timeout: 120_000 });
      await expect
        .poll(async () =>
          (await bff.get<Detail>(`${VMS}/${name}`)).attachments.map(
            (a) => a.spec.blockDeviceRef.name,
          ),
        )
        .toContain(disk);
      expect(await seriousA11yViolations(page)).toEqual([]);

      // Seed 000 "How to save the ip address": the VMIP loses its ownerReference to the VM.
      await expect
        .poll(async () => (await bff.get<Detail>(`${VMS}/${name}`)).ipAddress)
        .not.toBeNull();
      await page
        .getByRole('switch', { name: 'Keep the IP address after the VM is deleted' })
        .check();
      const d2 = await review(page);
      await expect(d2.getByText(/^Keep the IP address .+ after the VM is deleted$/)).toBeVisible();
      await d2.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(d2).toBeHidden();
      await expect
        .poll(
          async () =>
            (await bff.get<Detail>(`${VMS}/${name}`)).ipAddress?.metadata.ownerReferences ?? [],
        )
        .toEqual([]);
    } finally {
      const d = await bff.get<Detail>(`${VMS}/${name}`).catch(() => undefined);
      if (d?.ipAddress)
        await bff
          .delete(`${NS}/virtualmachineipaddresses/${d.ipAddress.metadata.name}`)
          .catch(() => undefined);
      for (const a of d?.attachments ?? [])
        await bff
          .delete(`${NS}/virtualmachineblockdeviceattachments/${a.metadata.name}`)
          .catch(() => undefined);
      await deleteVm(bff, name);
      await bff.delete(`${NS}/virtualdisks/${disk}`).catch(() => undefined);
    }
  });
});
