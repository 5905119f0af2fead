import type { Locator, Page } from '@playwright/test';
import { expect, openIn, seriousA11yViolations, test, type BffApi } from '../fixtures/index.ts';

/**
 * "System" → "VM Classes" following seed 002's "How to configure VirtualMachineClass in the web
 * interface": the Create form (CPU Settings, VM scheduling conditions on nodes, Resource
 * allocation rules for virtual machines) with its live rules, the VM create form enforcing the
 * new class, the edit form's "would not fit" preview, Russian wording, axe and the keyboard.
 */

const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}`;
const CLASSES = '/api/v1/cluster/virtualmachineclasses';
const VMS = '/api/v1/namespaces/demo/virtualmachines';

async function deleteClass(bff: BffApi, name: string) {
  await bff.delete(`${CLASSES}/${name}`).catch(() => undefined);
}

function form(page: Page, name = 'Create VM class'): Locator {
  return page.getByRole('form', { name });
}

function region(scope: Page | Locator, name: string): Locator {
  return scope.getByRole('region', { name, exact: true });
}

function range(page: Page, n: number, formName?: string): Locator {
  return region(form(page, formName), `Range ${n}`);
}

/** A VM that uses `className` and never boots (AlwaysOff): enough for the class's VM list. */
async function createIdleVm(
  bff: BffApi,
  name: string,
  className: string,
  size: { cores: number; coreFraction: string; memory: string },
) {
  await bff.post(VMS, {
    metadata: { name },
    spec: {
      virtualMachineClassName: className,
      runPolicy: 'AlwaysOff',
      cpu: { cores: size.cores, coreFraction: size.coreFraction },
      memory: { size: size.memory },
      blockDeviceRefs: [{ kind: 'VirtualDisk', name: `${name}-root` }],
    },
  });
}

test.describe('VM Classes', () => {
  test('create a class with a sizing rule through the form; the VM create form enforces it', async ({
    page,
    bff,
  }) => {
    const name = unique('e2e-cls');
    try {
      await openIn(page, 'en', '/system/classes');
      await expect(page.getByRole('heading', { level: 1, name: 'VM Classes' })).toBeVisible();
      await expect(page.getByRole('link', { name: 'generic' })).toBeVisible();
      await page.getByRole('link', { name: 'Create', exact: true }).click();
      await expect(page).toHaveURL(/\/system\/classes\/new/);
      const f = form(page);
      await f.getByRole('textbox', { name: 'Name', exact: true }).fill(name);

      // "CPU Settings": Model, from the models the nodes advertise.
      const cpu = region(f, 'CPU Settings');
      await cpu.getByRole('combobox', { name: 'Type' }).selectOption('Model');
      await cpu.getByRole('combobox', { name: 'Model' }).selectOption('Nehalem');

      // "VM scheduling conditions on nodes" → "Labels and expressions" → "Add" → "Enter".
      const placement = region(f, 'VM scheduling conditions on nodes');
      await placement.getByRole('button', { name: 'Add', exact: true }).click();
      const dialog = page.getByRole('dialog', {
        name: 'VM scheduling conditions on nodes: Label or expression',
      });
      await dialog.getByRole('combobox', { name: 'Key' }).fill('kubernetes.io/os');
      await dialog.getByRole('combobox', { name: 'Operator' }).selectOption('In');
      await dialog.getByRole('combobox', { name: 'Value' }).fill('linux');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Enter' }).click();
      await expect(dialog).toBeHidden();
      await expect(placement).toContainText('kubernetes.io/os in (linux)');
      await expect(placement).toContainText(/(\d+) of \1 nodes? match/);

      // "Resource allocation rules for virtual machines" → "Add": range 1, checked live.
      const rules = region(f, 'Resource allocation rules for virtual machines');
      await rules.getByRole('button', { name: 'Add', exact: true }).click();
      const r1 = range(page, 1);
      await expect(r1).toContainText('Set memory, allowed core shares, or both.');
      const cores = r1.getByRole('group', { name: 'CPU' });
      await expect(cores.getByRole('spinbutton', { name: 'Min' })).toHaveValue('1');
      const max = cores.getByRole('spinbutton', { name: 'Max' });
      await max.fill('1');
      await expect(max).toHaveAttribute('aria-invalid', 'true');
      await expect(r1).toContainText('The maximum must be greater than the minimum.');
      await max.fill('4');
      await expect(max).not.toHaveAttribute('aria-invalid', 'true');
      const shares = cores.getByRole('group', { name: 'Allow core shares' });
      for (const s of ['10%', '50%', '100%'])
        await shares.getByRole('checkbox', { name: s }).check();
      await expect(r1).not.toContainText('Set memory, allowed core shares, or both.');
      const memory = r1.getByRole('group', { name: 'Memory' });
      await memory.getByRole('textbox', { name: 'Min' }).fill('0.25');
      await memory.getByRole('textbox', { name: 'Max' }).fill('2');
      const step = memory.getByRole('textbox', { name: 'Sampling step' });
      await step.fill('0.3');
      await expect(step).toHaveAttribute('aria-invalid', 'true');
      await expect(r1).toContainText(
        'The step must divide the range from the minimum to the maximum evenly.',
      );
      await step.fill('0.25');
      await expect(step).not.toHaveAttribute('aria-invalid', 'true');
      const preview = r1.getByRole('definition');
      await expect(preview.nth(0)).toHaveText('1–4');
      await expect(preview.nth(1)).toHaveText('10%, 50%, 100%');
      await expect(preview.nth(2)).toHaveText('256 MiB – 2 GiB, step 256 MiB (8 sizes)');

      // A second range that overlaps the first is refused; removing it clears the error.
      await rules.getByRole('button', { name: 'Add', exact: true }).click();
      const r2 = range(page, 2);
      await expect(
        r2.getByRole('group', { name: 'CPU' }).getByRole('spinbutton', { name: 'Min' }),
      ).toHaveValue('5');
      await r2
        .getByRole('group', { name: 'CPU' })
        .getByRole('spinbutton', { name: 'Min' })
        .fill('3');
      await expect(r2).toContainText('The ranges of rules 1 and 2 overlap');
      await r2.getByRole('button', { name: 'Remove range 2' }).click();
      await expect(range(page, 2)).toHaveCount(0);
      expect(await seriousA11yViolations(page)).toEqual([]);

      await f.getByRole('button', { name: 'Create', exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`/system/classes/${name}$`));
      await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
      const created = await bff.get<{ spec: Record<string, unknown> }>(`${CLASSES}/${name}`);
      expect(created.spec).toEqual({
        cpu: { type: 'Model', model: 'Nehalem' },
        nodeSelector: {
          matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }],
        },
        sizingPolicies: [
          {
            cores: { min: 1, max: 4 },
            memory: { min: '256Mi', max: '2Gi', step: '256Mi' },
            coreFractions: [10, 50, 100],
          },
        ],
      });
      await expect(page.getByText('Ready', { exact: true }).first()).toBeVisible();
      const rulesView = region(page, 'Resource allocation rules for virtual machines');
      await expect(rulesView).toContainText('256 MiB – 2 GiB, step 256 MiB (8 sizes)');
      expect(await seriousA11yViolations(page)).toEqual([]);

      // The VM create form (part 1) holds a VM of this class to its rule as the user types.
      await openIn(page, 'en', '/projects/demo/vms/new');
      const vmForm = page.getByRole('form', { name: 'Create virtual machine' });
      await vmForm.getByRole('combobox', { name: 'VM class' }).selectOption(name);
      const machine = vmForm.getByRole('region', { name: 'Machine Parameters' });
      const vmCores = machine.getByRole('spinbutton', { name: 'Cores' });
      const share = machine.getByRole('textbox', { name: 'CPU Share' });
      const size = machine.getByRole('textbox', { name: 'Size' });
      await vmCores.fill('2');
      await share.fill('20%');
      await expect(share).toHaveAttribute('aria-invalid', 'true');
      await expect(machine).toContainText(
        `Class ${name} does not allow CPU share 20%; allowed: 10%, 50%, 100%.`,
      );
      await share.fill('50%');
      await expect(share).not.toHaveAttribute('aria-invalid', 'true');
      await size.fill('4Gi');
      await expect(size).toHaveAttribute('aria-invalid', 'true');
      await expect(machine).toContainText(`Not allowed by class ${name}:`);
      await expect(machine).toContainText('exceeds the maximum allowed');
      await size.fill('300Mi');
      await expect(machine).toContainText('does not match any available values');
      await size.fill('512Mi');
      await expect(size).not.toHaveAttribute('aria-invalid', 'true');
      await vmCores.fill('6');
      await expect(vmCores).toHaveAttribute('aria-invalid', 'true');
      await expect(machine).toContainText(`Class ${name} allows these core counts: 1–4.`);
    } finally {
      await deleteClass(bff, name);
    }
  });

  test('edit: which VMs would not fit the changed rules, shown before saving', async ({
    page,
    bff,
  }) => {
    const name = unique('e2e-cls-edit');
    const small = `${name}-a`;
    const big = `${name}-b`;
    try {
      await bff.post(CLASSES, {
        metadata: { name },
        spec: {
          cpu: { type: 'Host' },
          sizingPolicies: [
            {
              cores: { min: 1, max: 4 },
              memory: { min: '256Mi', max: '4Gi' },
              coreFractions: [10, 20, 50, 100],
            },
          ],
        },
      });
      await createIdleVm(bff, small, name, { cores: 1, coreFraction: '10%', memory: '512Mi' });
      await createIdleVm(bff, big, name, { cores: 2, coreFraction: '50%', memory: '2Gi' });

      await openIn(page, 'en', `/system/classes/${name}`);
      const usage = region(page, 'Virtual machines using this class');
      const table = usage.getByRole('table', { name: `Virtual machines of the class ${name}` });
      await expect(table.getByRole('row')).toHaveCount(3);
      await expect(table.getByRole('row', { name: new RegExp(big) })).toContainText('Fits');

      await page.getByRole('link', { name: 'Edit', exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`/system/classes/${name}/edit$`));
      const f = form(page, `Edit VM class ${name}`);
      // spec.cpu is immutable: shown, disabled, with the reason.
      await expect(f.getByRole('combobox', { name: 'Type' })).toBeDisabled();
      await expect(f).toContainText(
        'CPU settings cannot be changed after the VM class is created.',
      );
      const impact = region(f, 'Virtual machines that would not fit');
      await expect(impact).toContainText(
        'All 2 virtual machines using this class fit the changed rules.',
      );

      const memMax = range(page, 1, `Edit VM class ${name}`)
        .getByRole('group', { name: 'Memory' })
        .getByRole('textbox', { name: 'Max' });
      await expect(memMax).toHaveValue('4');
      await memMax.fill('1');
      await expect(impact).toContainText('1 virtual machine would not fit the changed rules.');
      const rows = impact.getByRole('table', {
        name: 'Virtual machines that would not fit the changed rules',
      });
      await expect(rows.getByRole('row')).toHaveCount(2);
      await expect(rows.getByRole('row', { name: new RegExp(big) })).toContainText('would not fit');
      await expect(rows).toContainText('exceeds the maximum allowed');
      expect(await seriousA11yViolations(page)).toEqual([]);

      await f.getByRole('button', { name: 'Save', exact: true }).click();
      const review = region(page, 'Review the changes');
      await expect(review.getByRole('region', { name: 'Changes to the class' })).toContainText(
        'max: 1Gi',
      );
      await expect(review).toContainText('1 virtual machine would not fit the changed rules.');
      await review.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`/system/classes/${name}$`));
      await expect
        .poll(() =>
          bff
            .get<{ spec: { sizingPolicies: { memory: { max: string } }[] } }>(`${CLASSES}/${name}`)
            .then((c) => c.spec.sizingPolicies[0]?.memory.max),
        )
        .toBe('1Gi');
      await expect(table.getByRole('row', { name: new RegExp(big) })).toContainText('Does not fit');
      await expect(table.getByRole('row', { name: new RegExp(small) })).toContainText('Fits');
    } finally {
      await bff.delete(`${VMS}/${small}`).catch(() => undefined);
      await bff.delete(`${VMS}/${big}`).catch(() => undefined);
      await deleteClass(bff, name);
    }
  });

  test('a project admin sees Create and Edit disabled with the reason', async ({ page }) => {
    await openIn(page, 'en', '/system/classes/generic');
    await expect(page.getByRole('link', { name: 'Edit', exact: true })).toBeVisible();
    await page.getByRole('combobox', { name: 'Switch user' }).selectOption('alice');
    await expect(page.getByRole('combobox', { name: 'Switch user' })).toHaveValue('alice');
    const edit = page.getByRole('button', { name: 'Edit', exact: true });
    await expect(edit).toHaveAttribute('aria-disabled', 'true');
    await expect(edit).toHaveAccessibleDescription('You do not have permission to do this.');
    await expect(page.getByRole('heading', { level: 1, name: 'generic' })).toBeVisible();
    await page.getByRole('link', { name: 'VM Classes' }).first().click();
    const create = page.getByRole('button', { name: 'Create', exact: true });
    await expect(create).toHaveAttribute('aria-disabled', 'true');
    await expect(create).toHaveAccessibleDescription('You do not have permission to do this.');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  test('Russian wording of the list and the form (seed 003 style)', async ({ page }) => {
    await openIn(page, 'ru', '/system/classes');
    await expect(page.getByRole('heading', { level: 1, name: 'Классы ВМ' })).toBeVisible();
    await page.getByRole('link', { name: 'Создать', exact: true }).click();
    const f = form(page, 'Создание класса ВМ');
    await expect(f.getByRole('textbox', { name: 'Имя', exact: true })).toBeVisible();
    const cpu = region(f, 'Настройки ЦП');
    await expect(cpu.getByRole('combobox', { name: 'Тип' })).toHaveValue('Host');
    await cpu.getByRole('combobox', { name: 'Тип' }).selectOption('Features');
    await expect(
      cpu.getByRole('group', { name: 'Необходимый набор поддерживаемых инструкций' }),
    ).toBeVisible();
    await cpu.getByRole('combobox', { name: 'Тип' }).selectOption('Discovery');
    await expect(cpu).toContainText('Условия создания универсального процессора');
    await expect(cpu).toContainText('Метки и выражения');
    await expect(region(f, 'Условия размещения ВМ на узлах')).toBeVisible();
    const rules = region(f, 'Правила выделения ресурсов для виртуальных машин');
    await rules.getByRole('button', { name: 'Добавить', exact: true }).click();
    const r1 = region(f, 'Диапазон 1');
    await expect(r1.getByRole('group', { name: 'Разрешённые доли ядра' })).toBeVisible();
    await expect(r1.getByRole('switch', { name: 'Объём на ядро' })).toBeVisible();
    await expect(r1.getByRole('textbox', { name: 'Шаг выборки' })).toBeVisible();
    await expect(r1).toContainText('Задайте память, разрешённые доли ядра или и то и другое.');
    await expect(r1).toContainText('Допустимые конфигурации');
    await f.getByRole('button', { name: 'Создать', exact: true }).click();
    await expect(f).toContainText('Обязательное поле.');
    await expect(
      f.getByRole('alert').filter({ hasText: 'Перед сохранением класса исправьте' }),
    ).toBeVisible();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  test('keyboard only: name, CPU model, a sizing rule, submit with Enter', async ({
    page,
    bff,
  }) => {
    const name = unique('e2e-cls-kbd');
    try {
      await openIn(page, 'en', '/system/classes/new');
      const f = form(page);
      const nameBox = f.getByRole('textbox', { name: 'Name', exact: true });
      await nameBox.focus();
      await page.keyboard.type(name);
      await page.keyboard.press('Tab'); // Type
      const type = f.getByRole('combobox', { name: 'Type' });
      await expect(type).toBeFocused();
      await page.keyboard.type('Model');
      await expect(type).toHaveValue('Model');
      await page.keyboard.press('Tab'); // Model
      const model = f.getByRole('combobox', { name: 'Model' });
      await expect(model).toBeFocused();
      await page.keyboard.type('Nehalem');
      await expect(model).toHaveValue('Nehalem');
      await page.keyboard.press('Tab'); // placement: Add
      await page.keyboard.press('Tab'); // rules: Add
      const rules = region(f, 'Resource allocation rules for virtual machines');
      await expect(rules.getByRole('button', { name: 'Add', exact: true })).toBeFocused();
      await page.keyboard.press('Enter');
      const r1 = range(page, 1);
      const cpu = r1.getByRole('group', { name: 'CPU' });
      await expect(cpu.getByRole('spinbutton', { name: 'Min' })).toBeFocused();
      await page.keyboard.press('Tab'); // Max
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type('2');
      await page.keyboard.press('Tab'); // Step
      await page.keyboard.press('Tab'); // 5%
      await page.keyboard.press('Tab'); // 10%
      await expect(cpu.getByRole('checkbox', { name: '10%' })).toBeFocused();
      await page.keyboard.press('Space');
      await page.keyboard.press('Tab'); // 20%
      await page.keyboard.press('Space');
      await expect(r1).toContainText('10%, 20%');
      await page.keyboard.press('Tab'); // 25%
      await page.keyboard.press('Tab'); // 50%
      await page.keyboard.press('Tab'); // 75%
      await page.keyboard.press('Tab'); // 100%
      await page.keyboard.press('Tab'); // Default core share
      await expect(cpu.getByRole('combobox', { name: 'Default core share' })).toBeFocused();
      await page.keyboard.press('Tab'); // Volume per core
      const perCore = r1.getByRole('switch', { name: 'Volume per core' });
      await expect(perCore).toBeFocused();
      await page.keyboard.press('Space');
      await expect(perCore).toBeChecked();
      await page.keyboard.press('Tab'); // Memory Min
      await page.keyboard.type('1');
      await page.keyboard.press('Tab'); // Memory Max
      await page.keyboard.type('2');
      await expect(r1).toContainText('Memory per core');
      await page.keyboard.press('Enter'); // submits the form
      await expect(page).toHaveURL(new RegExp(`/system/classes/${name}$`));
      const created = await bff.get<{ spec: { sizingPolicies: unknown[] } }>(`${CLASSES}/${name}`);
      expect(created.spec.sizingPolicies).toEqual([
        {
          cores: { min: 1, max: 2 },
          memory: { perCore: { min: '1Gi', max: '2Gi' } },
          coreFractions: [10, 20],
        },
      ]);
    } finally {
      await deleteClass(bff, name);
    }
  });
});
