import type { Page } from '@playwright/test';
import { expect, openIn, seriousA11yViolations, test, type BffApi } from '../fixtures/index.ts';
import { createRunningVm, deleteVm, ensureImage } from '../fixtures/vm.ts';

const NS = '/api/v1/namespaces/demo';
/** A prefix unique to this run, so the text filter isolates each test's VMs. */
const RUN = `vl${Date.now().toString(36).slice(-5)}`;

/** A VM that stays Stopped (runPolicy Manual; boots from the image, no guest is started). */
async function createStoppedVm(bff: BffApi, name: string): Promise<void> {
  const image = await ensureImage(bff, 'demo');
  await bff.post(`${NS}/virtualmachines`, {
    metadata: { name },
    spec: {
      virtualMachineClassName: 'generic',
      runPolicy: 'Manual',
      cpu: { cores: 1, coreFraction: '10%' },
      memory: { size: '256Mi' },
      blockDeviceRefs: [{ kind: 'VirtualImage', name: image }],
    },
  });
  await expect
    .poll(() =>
      bff.get<{ row: { phase: string } }>(`${NS}/virtualmachines/${name}`).then((d) => d.row.phase),
    )
    .toBe('Stopped');
}

const table = (page: Page) => page.getByRole('table', { name: /Virtual machines in demo/ });
const row = (page: Page, name: string) =>
  page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });

test.describe('the VM list', () => {
  test('columns, phases, sort, text filter and phase facet live in the URL', async ({
    page,
    bff,
  }) => {
    const p = `${RUN}-a`;
    await createRunningVm(bff, `${p}-run`, { cores: 1, memory: '256Mi' });
    await createStoppedVm(bff, `${p}-off1`);
    await createStoppedVm(bff, `${p}-off2`);
    try {
      await openIn(page, 'en', '/projects/demo/vms');
      for (const col of [
        'Name',
        'Phase',
        'Cores',
        'Core fraction',
        'Memory',
        'Need restart',
        'Agent',
        'Migratable',
        'Node',
        'IP address',
        'Age',
      ])
        await expect(
          table(page).getByRole('columnheader', { name: col, exact: true }),
        ).toBeVisible();

      await page.getByLabel('Search by name, node, IP or class').fill(p);
      await expect(page).toHaveURL(new RegExp(`q=${p}`));
      await expect(table(page).getByRole('row')).toHaveCount(4);
      const running = row(page, `${p}-run`);
      await expect(running.getByText('Running', { exact: true })).toBeVisible();
      await expect(running.getByRole('cell', { name: '256 MiB' })).toBeVisible();
      await expect(row(page, `${p}-off1`).getByText('Stopped', { exact: true })).toBeVisible();

      // The facet lives in the URL: the box shows checked once the (async) navigation lands.
      const stopped = page.getByRole('checkbox', { name: /^Stopped \(2\)/ });
      await stopped.click();
      await expect(stopped).toBeChecked();
      await expect(page).toHaveURL(/phase=Stopped/);
      await expect(table(page).getByRole('row')).toHaveCount(3);

      await page.getByRole('button', { name: 'Name', exact: true }).click(); // ascending → descending
      await expect(page).toHaveURL(/sort=-name/);
      const nameHeader = table(page).getByRole('columnheader', { name: 'Name' });
      await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
      const names = table(page).getByRole('row').getByRole('link');
      await expect(names).toHaveText([`${p}-off2`, `${p}-off1`]);

      await page.reload();
      await expect(names).toHaveText([`${p}-off2`, `${p}-off1`]);
      await expect(page.getByLabel('Search by name, node, IP or class')).toHaveValue(p);
      await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
      expect(await seriousA11yViolations(page)).toEqual([]);
    } finally {
      await deleteVm(bff, `${p}-run`);
      await deleteVm(bff, `${p}-off1`);
      await deleteVm(bff, `${p}-off2`);
    }
  });

  test('a bad label selector shows the cause under the field', async ({ page }) => {
    await openIn(page, 'en', '/projects/demo/vms?labels=app%3D%3D%3Dx');
    const field = page.getByLabel('Label selector');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    // One message, under the field (the BFF's cause), not a page-level error banner.
    await expect(page.getByRole('alert')).toHaveCount(1);
    await expect(page.getByRole('alert')).not.toContainText('Could not load virtual machines');
    await expect(page.getByRole('alert')).not.toBeEmpty();
  });

  test('Stop from the row menu updates the phase live; Delete names the VM', async ({
    page,
    bff,
  }) => {
    const name = `${RUN}-stop`;
    await createRunningVm(bff, name);
    try {
      await openIn(page, 'en', `/projects/demo/vms?q=${name}`);
      const r = row(page, name);
      await expect(r.getByText('Running', { exact: true })).toBeVisible();
      await r.getByRole('button', { name: `Actions for ${name}` }).click();
      await page.getByRole('menuitem', { name: 'Stop', exact: true }).click();
      await expect(r.getByText('Stopped', { exact: true })).toBeVisible({ timeout: 90_000 });

      await r.getByRole('button', { name: `Actions for ${name}` }).click();
      await page.getByRole('menuitem', { name: 'Delete', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete virtual machine' });
      await expect(dialog).toContainText(`Delete the virtual machine ${name} in project demo?`);
      await expect(dialog).toContainText(`Its disks are kept: ${name}-root.`);
      await expect(page).toHaveURL(new RegExp(`vmDialog=delete%3A${name}`));
      await dialog.getByRole('button', { name: 'Delete VM' }).click();
      await expect(r).toHaveCount(0, { timeout: 60_000 });
    } finally {
      await deleteVm(bff, name);
    }
  });

  test('Migrate from the row menu moves the VM to the chosen node', async ({ page, bff }) => {
    const name = `${RUN}-mig`;
    const { node } = await createRunningVm(bff, name);
    try {
      await openIn(page, 'en', `/projects/demo/vms?q=${name}`);
      const r = row(page, name);
      await expect(r.getByRole('cell', { name: node, exact: true })).toBeVisible();
      await r.getByRole('button', { name: `Actions for ${name}` }).click();
      await page.getByRole('menuitem', { name: 'Migrate', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: `Migrate ${name}` });
      await expect(dialog).toContainText('Live migration moves the running VM');
      await expect(dialog.getByRole('switch', { name: 'Force (AutoConverge)' })).toBeVisible();
      const target = dialog.getByLabel('Target node');
      // The nodes arrive after the dialog opens: wait for one besides the scheduler's choice.
      const nodes = target.locator('option').filter({ hasNotText: 'scheduler' });
      await expect(nodes).not.toHaveCount(0);
      const other = (await nodes.first().textContent()) ?? '';
      expect(other).not.toBe(node);
      await target.selectOption({ label: other });
      await dialog.getByRole('button', { name: 'Migrate' }).click();
      await expect(dialog).toBeHidden();
      await expect(r.getByRole('cell', { name: other, exact: true })).toBeVisible({
        timeout: 120_000,
      });
    } finally {
      await deleteVm(bff, name);
    }
  });

  test('bulk Stop summarises what happens to which VMs, then reports each', async ({
    page,
    bff,
  }) => {
    const p = `${RUN}-bulk`;
    await createRunningVm(bff, `${p}-on`);
    await createStoppedVm(bff, `${p}-off`);
    try {
      await openIn(page, 'en', `/projects/demo/vms?q=${p}`);
      await expect(table(page).getByRole('row')).toHaveCount(3);
      await page.getByRole('checkbox', { name: 'Select all loaded VMs' }).check();
      const bar = page.getByRole('toolbar', { name: 'Actions for selected VMs' });
      await expect(bar).toContainText('2 VMs selected');
      await bar.getByRole('button', { name: 'Stop' }).click();
      const dialog = page.getByRole('dialog', { name: 'Stop VMs' });
      await expect(dialog).toContainText(`Stop 1 VM: ${p}-on.`);
      await expect(dialog).toContainText(
        `1 selected VM is already stopped and will be skipped: ${p}-off.`,
      );
      await dialog.getByRole('button', { name: 'Stop' }).click();
      await expect(dialog.getByRole('listitem')).toHaveText([`${p}-on: done`]);
      await dialog.getByRole('button', { name: 'Close' }).last().click();
      await expect(row(page, `${p}-on`).getByText('Stopped', { exact: true })).toBeVisible({
        timeout: 90_000,
      });
    } finally {
      await deleteVm(bff, `${p}-on`);
      await deleteVm(bff, `${p}-off`);
    }
  });

  test('a viewer sees Start and Stop disabled with the reason', async ({ page, bff }) => {
    const name = `${RUN}-bob`;
    await createStoppedVm(bff, name);
    try {
      await openIn(page, 'en', `/projects/demo/vms?q=${name}`);
      await page.getByRole('combobox', { name: 'Switch user' }).selectOption('bob');
      await expect(page.getByRole('combobox', { name: 'Switch user' })).toHaveValue('bob');
      const r = row(page, name);
      await r.getByRole('button', { name: `Actions for ${name}` }).click();
      const start = page.getByRole('menuitem', { name: /^Start/ });
      await expect(start).toHaveAttribute('aria-disabled', 'true');
      await expect(start).toContainText('You do not have permission to do this.');
      await expect(page.getByRole('menuitem', { name: /^Stop/ })).toHaveAttribute(
        'aria-disabled',
        'true',
      );
      await page.keyboard.press('Escape');
      await expect(page.getByRole('button', { name: 'Create' })).toHaveAttribute(
        'aria-disabled',
        'true',
      );
    } finally {
      await deleteVm(bff, name);
    }
  });

  test('keyboard only: Tab to the row menu, Enter opens it, Escape closes it', async ({
    page,
    bff,
  }) => {
    const name = `${RUN}-kbd`;
    await createStoppedVm(bff, name);
    try {
      await openIn(page, 'en', `/projects/demo/vms?q=${name}`);
      const menuButton = row(page, name).getByRole('button', { name: `Actions for ${name}` });
      await expect(menuButton).toBeVisible();
      await page.getByRole('link', { name, exact: true }).focus();
      for (let i = 0; i < 5; i++) {
        if (await menuButton.evaluate((el) => el === document.activeElement)) break;
        await page.keyboard.press('Tab');
      }
      await expect(menuButton).toBeFocused();
      await page.keyboard.press('Enter');
      const menu = page.getByRole('menu', { name: `Actions for ${name}` });
      await expect(menu).toBeVisible();
      await expect(page.getByRole('menuitem', { name: 'Start', exact: true })).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(menu).toBeHidden();
      await expect(menuButton).toBeFocused();
    } finally {
      await deleteVm(bff, name);
    }
  });

  test('in Russian', async ({ page, bff }) => {
    const name = `${RUN}-ru`;
    await createStoppedVm(bff, name);
    try {
      await openIn(page, 'ru', `/projects/demo/vms?q=${name}`);
      await expect(page.getByRole('heading', { name: 'Виртуальные машины' })).toBeVisible();
      for (const col of ['Имя', 'Фаза', 'Ядра', 'Память', 'Узел', 'IP-адрес', 'Возраст'])
        await expect(page.getByRole('columnheader', { name: col, exact: true })).toBeVisible();
      await row(page, name)
        .getByRole('button', { name: `Действия для ${name}` })
        .click();
      for (const item of ['Запустить', 'Остановить', 'Перезагрузить', 'Мигрировать', 'Удалить'])
        await expect(page.getByRole('menuitem', { name: new RegExp(`^${item}`) })).toBeVisible();
    } finally {
      await deleteVm(bff, name);
    }
  });
});
