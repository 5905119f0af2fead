import { expect, openIn, seriousA11yViolations, test } from '../fixtures/index.ts';
import { createRunningVm, deleteVm } from '../fixtures/vm.ts';

const NS = '/api/v1/namespaces/demo/virtualmachines';
const uniq = (prefix: string) => `${prefix}-${Date.now().toString(36)}`;

interface Detail {
  vm: {
    metadata: { resourceVersion: string; labels?: Record<string, string> };
    status?: { ipAddress?: string };
  };
}

test.describe('the VM page', () => {
  test('header, Overview diagnostics, Russian tab names and accessibility', async ({
    page,
    bff,
  }) => {
    const name = uniq('detail-hdr');
    const { node } = await createRunningVm(bff, name);
    try {
      await expect
        .poll(async () => (await bff.get<Detail>(`${NS}/${name}`)).vm.status?.ipAddress ?? '')
        .not.toBe('');
      const ip = (await bff.get<Detail>(`${NS}/${name}`)).vm.status?.ipAddress ?? '';
      await openIn(page, 'en', `/projects/demo/vms/${name}/overview`);
      const title = page.getByRole('heading', { level: 1, name });
      await expect(title).toBeVisible();
      const header = page.locator('header').filter({ has: title });
      // The phase sits right under the name (seed 000: "under its name").
      const phase = header.getByText('Running', { exact: true });
      await expect(phase).toBeVisible();
      const [titleBox, phaseBox] = [await title.boundingBox(), await phase.boundingBox()];
      expect(phaseBox?.y ?? 0).toBeGreaterThan(titleBox?.y ?? 0);
      await expect(header.getByText(node, { exact: true })).toBeVisible();
      await expect(header.getByText(ip, { exact: true })).toBeVisible();
      await expect(header.getByRole('button', { name: /actions/i })).toBeVisible();

      const conditions = page.getByRole('region', { name: 'Conditions' });
      await expect(conditions.getByText('The VM is running.')).toBeVisible();
      await expect(conditions.getByText('All disks and images of the VM are ready.')).toBeVisible();
      await expect(page.getByRole('region', { name: 'Disks and images' })).toContainText(
        `${name}-root`,
      );
      expect(await seriousA11yViolations(page)).toEqual([]);

      await openIn(page, 'ru', `/projects/demo/vms/${name}/overview`);
      const tabs = page.getByRole('tablist', { name: 'Разделы виртуальной машины' });
      for (const label of ['Обзор', 'Конфигурация', 'Мета', 'События', 'TTY', 'VNC', 'YAML'])
        await expect(tabs.getByRole('tab', { name: label, exact: true })).toBeVisible();
      await expect(tabs.getByRole('tab', { name: 'Обзор' })).toHaveAttribute(
        'aria-selected',
        'true',
      );
      await expect(page.getByText('ВМ запущена.')).toBeVisible();

      await openIn(page, 'en', `/projects/demo/vms/${name}-missing/overview`);
      await expect(
        page.getByText(`There is no virtual machine ${name}-missing in project demo.`),
      ).toBeVisible();
    } finally {
      await deleteVm(bff, name);
    }
  });

  test('Meta: add a label with Enter, save; a conflicting change is reloaded and re-applied', async ({
    page,
    bff,
  }) => {
    const name = uniq('detail-meta');
    await createRunningVm(bff, name, { labels: { app: 'web' } });
    try {
      await openIn(page, 'en', `/projects/demo/vms/${name}/meta`);
      const labels = page.getByRole('region', { name: 'Labels' });
      await expect(labels.getByLabel('Value of app')).toHaveValue('web');
      await expect(page.getByRole('button', { name: 'Save' })).toHaveCount(0);
      await labels.getByRole('button', { name: 'Add' }).click();
      await labels.getByLabel('Key', { exact: true }).fill('tier');
      await labels.getByLabel('Value', { exact: true }).fill('front');
      await labels.getByLabel('Value', { exact: true }).press('Enter');
      await expect(labels.getByLabel('Value of tier')).toHaveValue('front');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('button', { name: 'Save' })).toHaveCount(0);
      await expect
        .poll(async () => (await bff.get<Detail>(`${NS}/${name}`)).vm.metadata.labels?.tier)
        .toBe('front');
      await page.reload();
      await expect(labels.getByLabel('Value of tier')).toHaveValue('front');

      // A key that breaks the Kubernetes rules is refused in place.
      await labels.getByRole('button', { name: 'Add' }).click();
      await labels.getByLabel('Key', { exact: true }).fill('-bad');
      await labels.getByLabel('Key', { exact: true }).press('Enter');
      await expect(labels.getByText(/A key is a name of up to 63 characters/)).toBeVisible();
      await labels.getByLabel('Key', { exact: true }).fill('owner');
      await labels.getByLabel('Value', { exact: true }).fill('alice');
      await labels.getByLabel('Value', { exact: true }).press('Enter');
      // Someone else changes the labels meanwhile.
      const current = await bff.get<Detail>(`${NS}/${name}`);
      await bff.patch(`${NS}/${name}`, {
        metadata: { resourceVersion: current.vm.metadata.resourceVersion, labels: { other: 'x' } },
      });
      await page.getByRole('button', { name: 'Save' }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'Changed elsewhere' });
      await expect(alert).toBeVisible();
      await alert.getByRole('button', { name: 'Reload and re-apply my change' }).click();
      await expect(labels.getByLabel('Value of other')).toHaveValue('x');
      await expect(labels.getByLabel('Value of owner')).toHaveValue('alice');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect
        .poll(async () => (await bff.get<Detail>(`${NS}/${name}`)).vm.metadata.labels)
        .toEqual({ app: 'web', tier: 'front', other: 'x', owner: 'alice' });
    } finally {
      await deleteVm(bff, name);
    }
  });

  test('Events lists the operations after a Restart', async ({ page, bff }) => {
    const name = uniq('detail-ev');
    await createRunningVm(bff, name);
    try {
      await openIn(page, 'en', `/projects/demo/vms/${name}/events`);
      const ops = page.getByRole('region', { name: 'Operations' });
      await expect(ops).toBeVisible();
      await bff.post(`${NS}/${name}/actions/restart`, {});
      // Arrives live through the event stream, without a reload.
      await expect(ops.getByRole('cell', { name: 'Restart', exact: true })).toBeVisible();
      await expect(page.getByRole('region', { name: 'Kubernetes events' })).toBeVisible();
      // Deleted while open: the page says so and leads back to the list. A short grace period,
      // so the guest (busy rebooting) is not waited for the default minute.
      // The rebooting guest's status keeps moving the resourceVersion: retry on the fresh copy.
      await expect
        .poll(async () => {
          const current = await bff.get<Detail>(`${NS}/${name}`);
          return bff
            .patch(`${NS}/${name}`, {
              metadata: { resourceVersion: current.vm.metadata.resourceVersion },
              spec: { terminationGracePeriodSeconds: 1 },
            })
            .then(
              () => 'patched',
              (e: Error) => e.message,
            );
        })
        .toBe('patched');
      await bff.delete(`${NS}/${name}`);
      await expect(page.getByText(`Virtual machine ${name} has been deleted.`)).toBeVisible({
        timeout: 120_000,
      });
      await page.getByRole('link', { name: 'Go to the list of virtual machines' }).click();
      await expect(page).toHaveURL(/\/projects\/demo\/vms$/);
    } finally {
      await deleteVm(bff, name);
    }
  });

  test('YAML: edit a label, review the diff, save', async ({ page, bff }) => {
    const name = uniq('detail-yaml');
    await createRunningVm(bff, name, { labels: { e2e: 'yaml-before' } });
    try {
      await openIn(page, 'en', `/projects/demo/vms/${name}/yaml`);
      const editor = page.getByRole('textbox', { name: `YAML of ${name}` });
      await expect(editor).toHaveValue(/e2e: yaml-before/);
      const text = await editor.inputValue();
      await editor.fill(text.replace('e2e: yaml-before', 'e2e: yaml-after'));
      await page.getByRole('button', { name: 'Save' }).click();
      const diff = page.getByRole('region', { name: 'Your changes' });
      await expect(diff.getByText(/^\+\s+e2e: yaml-after$/)).toBeVisible();
      await expect(diff.getByText(/^-\s+e2e: yaml-before$/)).toBeVisible();
      await page.getByRole('button', { name: 'Apply changes' }).click();
      await expect
        .poll(async () => (await bff.get<Detail>(`${NS}/${name}`)).vm.metadata.labels?.e2e)
        .toBe('yaml-after');
      await expect(editor).toHaveValue(/e2e: yaml-after/);
    } finally {
      await deleteVm(bff, name);
    }
  });
});
