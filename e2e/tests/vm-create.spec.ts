import type { Locator, Page } from '@playwright/test';
import { expect, openIn, seriousA11yViolations, test, type BffApi } from '../fixtures/index.ts';
import { CLOUD_INIT, ensureImage } from '../fixtures/vm.ts';

/**
 * "Create virtual machine" following seed 000's "How to create a virtual machine in the web
 * interface" (Russian twin: seed 003): the form, its live checks, the YAML view, the keyboard.
 */

const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}`;
const NS = '/api/v1/namespaces/demo';

interface VmDetail {
  vm: { spec: { runPolicy?: string; cpu: { cores: number } }; status?: { phase?: string } };
}

async function cleanup(bff: BffApi, vm: string, disk?: string) {
  await bff.delete(`${NS}/virtualmachines/${vm}`).catch(() => undefined);
  if (disk) await bff.delete(`${NS}/virtualdisks/${disk}`).catch(() => undefined);
}

function form(page: Page): Locator {
  return page.getByRole('form', { name: 'Create virtual machine' });
}

async function openForm(page: Page, locale: 'en' | 'ru' = 'en', query = '') {
  await openIn(page, locale, `/projects/demo/vms/new${query}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/** "Boot Disks" → "Add" → "Create new disk" → the image → "Create and add". */
async function addNewDisk(page: Page, disk: string, image: string) {
  const f = form(page);
  await f
    .getByRole('group', { name: 'Boot Disks' })
    .getByRole('button', { name: 'Add', exact: true })
    .click();
  await page.getByRole('button', { name: 'Create new disk' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create new disk' });
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(disk);
  await expect(dialog.getByRole('checkbox', { name: 'Project' })).toBeChecked();
  await dialog.getByRole('combobox', { name: 'Source' }).selectOption(image);
  // The size defaults to the image's unpacked size.
  await expect(dialog.getByRole('textbox', { name: 'Size' })).not.toHaveValue('');
  await dialog.getByRole('button', { name: 'Create and add' }).click();
  await expect(dialog).toBeHidden();
  await expect(f.getByRole('group', { name: 'Boot Disks' })).toContainText(disk);
}

function machine(page: Page): Locator {
  return form(page).getByRole('region', { name: 'Machine Parameters' });
}

test.describe('Create virtual machine', () => {
  test('through the form: new disk from the catalogue image and cloud-init → the VM page, Running', async ({
    page,
    bff,
  }) => {
    const image = await ensureImage(bff, 'demo');
    const vm = unique('create-form');
    const disk = `${vm}-root`;
    try {
      await openForm(page);
      const f = form(page);
      await f.getByRole('textbox', { name: 'Name', exact: true }).fill(vm);
      await expect(f.getByRole('combobox', { name: 'VM class' })).toHaveValue('generic');
      await machine(page).getByRole('spinbutton', { name: 'Cores' }).fill('1');
      await machine(page).getByRole('textbox', { name: 'CPU Share' }).fill('10%');
      await machine(page).getByRole('textbox', { name: 'Size' }).fill('256Mi');
      await addNewDisk(page, disk, image);
      await f.getByRole('switch', { name: 'Cloud-init' }).click();
      await f.getByRole('textbox', { name: 'Cloud-init script' }).fill(CLOUD_INIT);
      await expect(f).toContainText(`${Buffer.byteLength(CLOUD_INIT)} of 2048 bytes`);
      await expect(f.getByRole('combobox', { name: 'Startup Policy' })).toHaveValue(
        'AlwaysOnUnlessStoppedManually',
      );
      expect(await seriousA11yViolations(page)).toEqual([]);

      // The YAML view shows both manifests, disk first, as one multi-document apply.
      await page.getByRole('button', { name: 'YAML' }).click();
      await expect(page.getByRole('textbox', { name: 'Manifests (YAML)' })).toHaveValue(
        new RegExp(
          `kind: VirtualDisk[\\s\\S]*name: ${disk}[\\s\\S]*\\n---\\n[\\s\\S]*kind: VirtualMachine`,
        ),
      );
      await page.getByRole('button', { name: 'Form' }).click();
      await expect(f.getByRole('group', { name: 'Boot Disks' })).toContainText(disk);

      await f.getByRole('button', { name: 'Create', exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`/projects/demo/vms/${vm}/overview`));
      const d = await bff.get<{ vm: { spec: { provisioning?: { userData?: string } } } }>(
        `${NS}/virtualmachines/${vm}`,
      );
      expect(d.vm.spec.provisioning?.userData).toBe(CLOUD_INIT);
      await expect
        .poll(
          () => bff.get<VmDetail>(`${NS}/virtualmachines/${vm}`).then((x) => x.vm.status?.phase),
          {
            timeout: 150_000,
          },
        )
        .toBe('Running');
    } finally {
      await cleanup(bff, vm, disk);
    }
  });

  test('a cloud-init over the inline limit is a field error that states the limit', async ({
    page,
  }) => {
    await openForm(page);
    const f = form(page);
    await f.getByRole('switch', { name: 'Cloud-init' }).click();
    const script = f.getByRole('textbox', { name: 'Cloud-init script' });
    await script.fill(`#cloud-config\n# ${'x'.repeat(2100)}\n`);
    await expect(script).toHaveAttribute('aria-invalid', 'true');
    await expect(f.getByRole('alert').filter({ hasText: 'limited to 2048 bytes' })).toBeVisible();
    await script.fill('#cloud-config\n');
    await expect(f.getByRole('alert').filter({ hasText: 'limited to 2048 bytes' })).toHaveCount(0);
  });

  test("the class's sizing policy is checked as the user types", async ({ page, bff }) => {
    const cls = await bff.get<{
      spec: {
        sizingPolicies?: { cores: { min: number; max: number }; coreFractions?: number[] }[];
      };
    }>('/api/v1/cluster/virtualmachineclasses/generic');
    const policy = cls.spec.sizingPolicies?.find((p) => p.cores.min <= 1 && p.cores.max >= 1);
    const allowed = policy?.coreFractions ?? [];
    expect(allowed.length).toBeGreaterThan(0);
    const bad = [30, 33, 45, 66, 77].find((n) => !allowed.includes(n)) ?? 0;
    const maxCores = Math.max(...(cls.spec.sizingPolicies ?? []).map((p) => p.cores.max));

    await openForm(page);
    const share = machine(page).getByRole('textbox', { name: 'CPU Share' });
    await expect(machine(page)).toContainText(`Allowed: ${allowed.map((n) => `${n}%`).join(', ')}`);
    await share.fill(`${bad}%`);
    await expect(share).toHaveAttribute('aria-invalid', 'true');
    await expect(machine(page)).toContainText(
      `Class generic does not allow CPU share ${bad}%; allowed: ${allowed.map((n) => `${n}%`).join(', ')}.`,
    );
    await share.fill(`${allowed[0]}%`);
    await expect(share).not.toHaveAttribute('aria-invalid', 'true');

    // CPU topology: 17 cores cannot be split over 2 sockets.
    const cores = machine(page).getByRole('spinbutton', { name: 'Cores' });
    await cores.fill('17');
    await expect(cores).toHaveAttribute('aria-invalid', 'true');
    await expect(machine(page)).toContainText('must be a multiple of 2 (nearest: 16 or 18)');
    if (maxCores < 248) {
      await cores.fill(String(maxCores + 8));
      await expect(machine(page)).toContainText('Class generic allows these core counts');
    }
  });

  test('YAML view: the manifests and the d8 command; edits come back to the form, unknown fields survive', async ({
    page,
  }) => {
    const vm = unique('create-yaml');
    await openForm(page);
    await form(page).getByRole('textbox', { name: 'Name', exact: true }).fill(vm);
    await page.getByRole('button', { name: 'YAML' }).click();
    await expect(page).toHaveURL(/view=yaml/);
    const editor = page.getByRole('textbox', { name: 'Manifests (YAML)' });
    const text = await editor.inputValue();
    expect(text).toContain('kind: VirtualMachine');
    expect(text).toContain(`name: ${vm}`);
    await expect(page.getByRole('textbox', { name: 'Command' })).toHaveValue(
      /^d8 k apply -f - <<'EOF'\n[\s\S]*kind: VirtualMachine[\s\S]*\nEOF\n$/,
    );

    // Invalid YAML: a clear error, the text is kept, the form does not take it.
    await editor.fill(`${text}\n  : [broken`);
    await expect(
      page.getByRole('alert').filter({ hasText: 'The YAML is not valid' }),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Form' }).click();
    await expect(page).toHaveURL(/view=yaml/);
    await expect(editor).toHaveValue(`${text}\n  : [broken`);

    const edited = text
      .replace(/cores: \d+/, 'cores: 2')
      .replace('spec:\n', 'spec:\n  nodeSelector:\n    disktype: ssd\n');
    await editor.fill(edited);
    await page.getByRole('button', { name: 'Form' }).click();
    await expect(page).not.toHaveURL(/view=yaml/);
    await expect(machine(page).getByRole('spinbutton', { name: 'Cores' })).toHaveValue('2');
    await expect(form(page).getByRole('textbox', { name: 'Name', exact: true })).toHaveValue(vm);

    await page.getByRole('button', { name: 'YAML' }).click();
    const again = await page.getByRole('textbox', { name: 'Manifests (YAML)' }).inputValue();
    expect(again).toContain('cores: 2');
    expect(again).toContain('nodeSelector:\n    disktype: ssd');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  test('keyboard only: fill with Tab and typing, add a new disk, submit with Enter', async ({
    page,
    bff,
  }) => {
    const image = await ensureImage(bff, 'demo');
    const vm = unique('create-kbd');
    const disk = `${vm}-root`;
    try {
      await openForm(page);
      const f = form(page);
      const name = f.getByRole('textbox', { name: 'Name', exact: true });
      await name.focus();
      await page.keyboard.type(vm);
      await page.keyboard.press('Tab'); // VM class
      await expect(f.getByRole('combobox', { name: 'VM class' })).toBeFocused();
      await page.keyboard.press('Tab'); // Cores
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type('1');
      await page.keyboard.press('Tab'); // CPU Share
      await page.keyboard.type('20%');
      await page.keyboard.press('Tab'); // Size
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type('256Mi');
      await page.keyboard.press('Tab'); // Boot Disks → Add
      await expect(f.getByRole('button', { name: 'Add', exact: true })).toBeFocused();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Add boot disk' });
      await expect(dialog).toBeVisible();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await expect(dialog.getByRole('button', { name: 'Create new disk' })).toBeFocused();
      await page.keyboard.press('Enter');
      const newDisk = page.getByRole('dialog', { name: 'Create new disk' });
      const diskName = newDisk.getByRole('textbox', { name: 'Name', exact: true });
      await expect(diskName).toBeFocused();
      await expect(diskName).toHaveValue(disk);
      await page.keyboard.press('Tab'); // Project
      await page.keyboard.press('Tab'); // Source
      await expect(newDisk.getByRole('combobox', { name: 'Source' })).toBeFocused();
      await page.keyboard.type(image);
      await expect(newDisk.getByRole('combobox', { name: 'Source' })).toHaveValue(image);
      await page.keyboard.press('Tab'); // Size
      await page.keyboard.press('Enter'); // submits the dialog, not the VM form
      await expect(newDisk).toBeHidden();
      await expect(f.getByRole('button', { name: 'Add', exact: true })).toBeFocused();
      await expect(f.getByRole('group', { name: 'Boot Disks' })).toContainText(disk);

      await page.keyboard.press('Tab'); // Move up (unavailable for the first disk, focusable)
      await page.keyboard.press('Tab'); // Move down
      await page.keyboard.press('Tab'); // Remove
      await page.keyboard.press('Tab'); // Cloud-init
      await expect(f.getByRole('switch', { name: 'Cloud-init' })).toBeFocused();
      await page.keyboard.press('Space');
      await page.keyboard.press('Tab'); // the script
      await page.keyboard.type('#cloud-config\n');
      await page.keyboard.press('Tab'); // Startup Policy
      const policy = f.getByRole('combobox', { name: 'Startup Policy' });
      await expect(policy).toBeFocused();
      // AlwaysOff: the VM is created but does not boot, keeping this test light.
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await expect(policy).toHaveValue('AlwaysOff');
      await page.keyboard.press('Tab');
      await expect(f.getByRole('button', { name: 'Create', exact: true })).toBeFocused();
      await page.keyboard.press('Enter');

      await expect(page).toHaveURL(new RegExp(`/projects/demo/vms/${vm}/overview`));
      const d = await bff.get<VmDetail>(`${NS}/virtualmachines/${vm}`);
      expect(d.vm.spec.runPolicy).toBe('AlwaysOff');
      expect(d.vm.spec.cpu.cores).toBe(1);
      await bff.get(`${NS}/virtualdisks/${disk}`);
    } finally {
      await cleanup(bff, vm, disk);
    }
  });

  test('the server dry run maps AlreadyExists to the name; nothing typed is lost', async ({
    page,
    bff,
  }) => {
    const vm = unique('create-dup');
    await bff.post(`${NS}/virtualmachines`, {
      metadata: { name: vm },
      spec: {
        virtualMachineClassName: 'generic',
        runPolicy: 'AlwaysOff',
        cpu: { cores: 1, coreFraction: '10%' },
        memory: { size: '256Mi' },
        blockDeviceRefs: [{ kind: 'VirtualDisk', name: `${vm}-missing` }],
      },
    });
    try {
      const disks = await bff.get<{ items: { metadata: { name: string } }[] }>(
        `${NS}/virtualdisks`,
      );
      await openForm(page);
      const f = form(page);
      await f.getByRole('textbox', { name: 'Name', exact: true }).fill(vm);
      await machine(page).getByRole('textbox', { name: 'Size' }).fill('256Mi');
      await f
        .getByRole('group', { name: 'Boot Disks' })
        .getByRole('button', { name: 'Add', exact: true })
        .click();
      await page.getByRole('button', { name: 'Choose from existing' }).click();
      const dialog = page.getByRole('dialog', { name: 'Choose from existing' });
      if (disks.items.length > 0) {
        await dialog.getByRole('button', { name: 'Add', exact: true }).click();
        await expect(dialog).toBeHidden();
      } else {
        await expect(dialog).toContainText('No free disks');
        await page.keyboard.press('Escape');
        await addNewDisk(page, `${vm}-d`, await ensureImage(bff, 'demo'));
      }
      await f.getByRole('button', { name: 'Create', exact: true }).click();
      const name = f.getByRole('textbox', { name: 'Name', exact: true });
      await expect(name).toHaveAttribute('aria-invalid', 'true');
      await expect(f).toContainText(`A VirtualMachine named ${vm} already exists in this project.`);
      await expect(page).toHaveURL(/\/vms\/new/);
      await expect(name).toHaveValue(vm);
      await expect(machine(page).getByRole('textbox', { name: 'Size' })).toHaveValue('256Mi');
    } finally {
      await cleanup(bff, vm, `${vm}-d`);
    }
  });

  test('leaving with unsaved input asks first; Stay keeps every field', async ({ page }) => {
    await openForm(page);
    const f = form(page);
    const vm = unique('create-leave');
    await f.getByRole('textbox', { name: 'Name', exact: true }).fill(vm);
    await f.getByRole('link', { name: 'Cancel' }).click();
    const dialog = page.getByRole('dialog', { name: 'Unsaved changes' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Stay' }).click();
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(/\/vms\/new/);
    await expect(f.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue(vm);
    await f.getByRole('link', { name: 'Cancel' }).click();
    await page
      .getByRole('dialog', { name: 'Unsaved changes' })
      .getByRole('button', { name: 'Leave' })
      .click();
    await expect(page).toHaveURL(/\/projects\/demo\/vms$/);
  });

  test("in Russian: the seeds' section and field names", async ({ page }) => {
    await openForm(page, 'ru');
    const f = page.getByRole('form', { name: 'Создание виртуальной машины' });
    for (const heading of [
      'Параметры машины',
      'Диски и образы',
      'Загрузочные диски',
      'Дополнительные параметры',
    ]) {
      await expect(f.getByRole('heading', { name: heading })).toBeVisible();
    }
    const params = f.getByRole('region', { name: 'Параметры машины' });
    await expect(params.getByRole('spinbutton', { name: 'Ядер' })).toBeVisible();
    await expect(params.getByRole('textbox', { name: 'Доля ЦП' })).toBeVisible();
    await expect(params.getByRole('textbox', { name: 'Размер' })).toBeVisible();
    await expect(f.getByRole('switch', { name: 'Cloud-init' })).toBeVisible();
    await expect(f.getByRole('combobox', { name: 'Политика запуска' })).toBeVisible();
    await f
      .getByRole('group', { name: 'Загрузочные диски' })
      .getByRole('button', { name: 'Добавить' })
      .click();
    await expect(page.getByRole('button', { name: 'Выбрать из существующих' })).toBeVisible();
    await page.getByRole('button', { name: 'Создать новый диск' }).click();
    const dialog = page.getByRole('dialog', { name: 'Создать новый диск' });
    await expect(dialog.getByRole('checkbox', { name: 'Проектные' })).toBeChecked();
    await expect(dialog.getByRole('combobox', { name: 'Класс хранилища' })).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Создать и добавить' })).toBeVisible();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
