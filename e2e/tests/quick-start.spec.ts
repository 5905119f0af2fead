import { expect, openIn, seriousA11yViolations, test, type BffApi } from '../fixtures/index.ts';
import { distinctPixels, serialLogIn, terminal, unique } from '../fixtures/console.ts';
import { CLOUD_INIT, createRunningVm, deleteVm, ensureImage } from '../fixtures/vm.ts';

/**
 * The seeds' quick start in the web interface (seed 000 "How to create a virtual machine in the
 * web interface", its Russian twin seed 003): a VM from a project image with a new boot disk and
 * the seeds' cloud-init, Running in the list, a login on the TTY tab, the guest screen on VNC.
 */

/** The seeds' labels: English from seed 000, Russian from seed 003. */
const LABELS = {
  en: {
    vms: 'Virtual Machines',
    sections: 'Sections',
    create: 'Create',
    formTitle: 'Create virtual machine',
    name: 'Name',
    bootDisks: 'Boot Disks',
    add: 'Add',
    createNew: 'Create new disk',
    source: 'Source',
    project: 'Project',
    createAndAdd: 'Create and add',
    additional: 'Additional parameters',
    cloudInit: 'Cloud-init',
    cloudInitScript: 'Cloud-init script',
    running: 'Running',
    tty: 'TTY',
    vnc: 'VNC',
    ttyToolbar: 'Serial console actions',
    terminal: (vm: string) => `Serial console of ${vm}`,
    vncToolbar: 'VNC actions',
    connected: 'Connected',
  },
  ru: {
    vms: 'Виртуальные машины',
    sections: 'Разделы',
    create: 'Создать',
    formTitle: 'Создание виртуальной машины',
    name: 'Имя',
    bootDisks: 'Загрузочные диски',
    add: 'Добавить',
    createNew: 'Создать новый диск',
    source: 'Источник',
    project: 'Проектные',
    createAndAdd: 'Создать и добавить',
    additional: 'Дополнительные параметры',
    cloudInit: 'Cloud-init',
    cloudInitScript: 'Сценарий cloud-init',
    running: 'Работает',
    tty: 'TTY',
    vnc: 'VNC',
    ttyToolbar: 'Действия серийной консоли',
    terminal: (vm: string) => `Серийная консоль ${vm}`,
    vncToolbar: 'Действия VNC',
    connected: 'Подключено',
  },
} as const;

const vmPath = (name: string) => `/api/v1/namespaces/demo/virtualmachines/${name}`;

async function vmStatus(bff: BffApi, name: string) {
  const d = await bff.get<{ vm: { status?: { phase?: string; nodeName?: string } } }>(vmPath(name));
  return d.vm.status ?? {};
}

for (const locale of ['en', 'ru'] as const) {
  test(`quick start in the web interface (${locale}): create a VM from an image with cloud-init, Running, TTY login, VNC screen`, async ({
    page,
    bff,
  }) => {
    const L = LABELS[locale];
    const image = await ensureImage(bff, 'demo');
    const vm = unique(`qs-${locale}`);
    const disk = `${vm}-disk`;
    try {
      // "Projects" → the project → "Virtualization" → "Virtual Machines" → "Create".
      await openIn(page, locale, '/projects/demo/vms');
      await page
        .getByRole('navigation', { name: L.sections })
        .getByRole('link', { name: L.vms })
        .click();
      await page.getByRole('button', { name: L.create, exact: true }).click();
      await expect(page.getByRole('heading', { name: L.formTitle })).toBeVisible();
      const form = page.getByRole('form', { name: L.formTitle });
      await form.getByRole('textbox', { name: L.name, exact: true }).fill(vm);

      // "Disks and Images" → "Boot Disks" → "Add" → "Create new disk".
      await form
        .getByRole('group', { name: L.bootDisks })
        .getByRole('button', { name: L.add, exact: true })
        .click();
      await page.getByRole('button', { name: L.createNew }).click();
      const dialog = page.getByRole('dialog', { name: L.createNew });
      await dialog.getByRole('textbox', { name: L.name, exact: true }).fill(disk);
      await expect(dialog.getByRole('checkbox', { name: L.project })).toBeChecked();
      await dialog.getByRole('combobox', { name: L.source }).selectOption(image);
      await dialog.getByRole('button', { name: L.createAndAdd }).click();
      await expect(dialog).toBeHidden();
      await expect(form.getByRole('group', { name: L.bootDisks })).toContainText(disk);

      // "Additional parameters" → "Cloud-init" with the seeds' script.
      await expect(form.getByRole('heading', { name: L.additional })).toBeVisible();
      await form.getByRole('switch', { name: L.cloudInit }).click();
      await form.getByRole('textbox', { name: L.cloudInitScript }).fill(CLOUD_INIT);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await form.getByRole('button', { name: L.create, exact: true }).click();

      // Running in the list.
      await expect(page).not.toHaveURL(/\/vms\/new/);
      await page
        .getByRole('navigation', { name: L.sections })
        .getByRole('link', { name: L.vms })
        .click();
      const row = page
        .getByRole('row')
        .filter({ has: page.getByRole('link', { name: vm, exact: true }) });
      await expect(row).toContainText(L.running, { timeout: 150_000 });
      expect(await seriousA11yViolations(page)).toEqual([]);

      // "Select the required VM from the list and click on its name" → "TTY".
      await row.getByRole('link', { name: vm, exact: true }).click();
      await page.getByRole('tab', { name: L.tty, exact: true }).click();
      await expect(
        page.getByRole('toolbar', { name: L.ttyToolbar }).getByRole('status'),
      ).toHaveText(L.connected);
      await serialLogIn(page, L.terminal(vm));
      await page.keyboard.type('echo qs-$((6*7))\n');
      await expect(terminal(page)).toContainText('qs-42', { timeout: 60_000 });
      expect(await seriousA11yViolations(page)).toEqual([]);

      // "VNC": the guest's screen is drawn.
      await page.getByRole('tab', { name: L.vnc, exact: true }).click();
      await expect(
        page.getByRole('toolbar', { name: L.vncToolbar }).getByRole('status'),
      ).toHaveText(L.connected);
      await expect
        .poll(() => distinctPixels(page), { timeout: 120_000, message: 'guest screen drawn' })
        .toBeGreaterThan(200);
      expect(await seriousA11yViolations(page)).toEqual([]);
    } finally {
      await deleteVm(bff, vm);
      await bff.delete(`/api/v1/namespaces/demo/virtualdisks/${disk}`).catch(() => undefined);
    }
  });
}

test('migrating a VM keeps an open TTY session working', async ({ page, bff }) => {
  const { name, node } = await createRunningVm(bff, unique('qs-migrate'));
  try {
    await openIn(page, 'en', `/projects/demo/vms/${name}/tty`);
    await expect(
      page.getByRole('toolbar', { name: 'Serial console actions' }).getByRole('status'),
    ).toHaveText('Connected');
    await serialLogIn(page, `Serial console of ${name}`);
    await page.keyboard.type('echo before-$((2*3))\n');
    await expect(terminal(page)).toContainText('before-6', { timeout: 60_000 });

    // The header's actions menu → "Migrate" → the dialog (the scheduler picks the other node).
    await page.getByRole('button', { name: `Actions for ${name}` }).click();
    await page.getByRole('menuitem', { name: 'Migrate' }).click();
    const dialog = page.getByRole('dialog', { name: `Migrate ${name}` });
    await expect(dialog).toContainText(`Current node: ${node}`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Migrate', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect
      .poll(() => vmStatus(bff, name), { timeout: 150_000, message: 'migrated to another node' })
      .toEqual(
        expect.objectContaining({
          phase: 'Running',
          nodeName: expect.not.stringMatching(`^${node}$`),
        }),
      );
    // Without a chosen node the console migrates as the seeds do: an Evict operation.
    const ops = await bff.get<{ items: { spec: { type: string; virtualMachineName: string } }[] }>(
      '/api/v1/namespaces/demo/virtualmachineoperations',
    );
    expect(
      ops.items.filter((o) => o.spec.virtualMachineName === name).map((o) => o.spec.type),
    ).toContain('Evict');

    // The session survived the move (no reconnect by hand): a new command runs in the same shell.
    await expect(
      page.getByRole('toolbar', { name: 'Serial console actions' }).getByRole('status'),
    ).toHaveText('Connected');
    await page.getByRole('region', { name: `Serial console of ${name}` }).click();
    await page.keyboard.type('echo after-$((3*4))\n');
    await expect(terminal(page)).toContainText('after-12', { timeout: 60_000 });
  } finally {
    await deleteVm(bff, name);
  }
});
