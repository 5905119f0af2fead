import { expect, openIn, seriousA11yViolations, test, type BffApi } from '../fixtures/index.ts';

const MC = '/api/v1/cluster/moduleconfigs/virtualization';
const VMIPS = '/api/v1/namespaces/demo/virtualmachineipaddresses';
const uniq = (prefix: string) => `${prefix}-${Date.now().toString(36)}`;

const ipValue = (ip: string) => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);

/** Whether IPv4 `ip` lies in `cidr`. */
function inCidr(ip: string, cidr: string): boolean {
  const [net = '', bits = '32'] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  return Math.floor(ipValue(ip) / size) === Math.floor(ipValue(net) / size);
}

interface ModuleConfig {
  metadata: { resourceVersion: string };
  spec: { settings: { virtualMachineCIDRs?: string[] } };
}

const cidrs = (bff: BffApi) =>
  bff.get<ModuleConfig>(MC).then((m) => m.spec.settings.virtualMachineCIDRs ?? []);

/** Puts the CIDR list back (cleanup), with a fresh resourceVersion. */
async function restoreCidrs(bff: BffApi, list: string[]): Promise<void> {
  const mc = await bff.get<ModuleConfig>(MC);
  if (JSON.stringify(mc.spec.settings.virtualMachineCIDRs) === JSON.stringify(list)) return;
  await bff.patch(MC, {
    metadata: { resourceVersion: mc.metadata.resourceVersion },
    spec: { settings: { virtualMachineCIDRs: list } },
  });
}

test.describe('Module settings (System → Deckhouse → Modules → virtualization)', () => {
  test('virtualMachineCIDRs: bad and overlapping CIDRs, a subnet in use, a valid change by keyboard', async ({
    page,
    bff,
  }) => {
    const original = await cidrs(bff);
    expect(original.length).toBeGreaterThan(0);
    // An address from one of the subnets, so that subnet is in use.
    const vmip = uniq('settings-ip');
    await bff.post(VMIPS, { metadata: { name: vmip }, spec: { type: 'Auto' } });
    try {
      let address = '';
      await expect
        .poll(
          async () => {
            address =
              (await bff.get<{ status?: { address?: string } }>(`${VMIPS}/${vmip}`)).status
                ?.address ?? '';
            return address;
          },
          { timeout: 30_000, message: 'the address is allocated' },
        )
        .toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      const index = original.findIndex((c) => inCidr(address, c));
      expect(index).toBeGreaterThanOrEqual(0);
      const used = original[index] ?? '';
      const first = original[0] ?? '';

      await openIn(page, 'en', '/system/modules/virtualization');
      await expect(page.getByRole('tab', { name: 'Configuration' })).toHaveAttribute(
        'aria-selected',
        'true',
      );
      // The settings show after "Advanced settings" (seed 002).
      await expect(page.getByRole('heading', { name: 'Network settings' })).toHaveCount(0);
      // The switch is URL state: it shows checked after the (async) navigation.
      await page.getByRole('switch', { name: 'Advanced settings' }).click();
      await expect(page.getByRole('switch', { name: 'Advanced settings' })).toBeChecked();
      await expect(page).toHaveURL(/advanced=1/);
      const network = page.getByRole('region', { name: 'Network settings' });
      await expect(network).toBeVisible();
      await expect(network).toContainText(
        'A subnet whose addresses are already issued to virtual machines cannot be removed.',
      );
      const usedInput = network.getByLabel(`virtualMachineCIDRs, subnet ${index + 1}`);
      await expect(usedInput).toHaveValue(used);
      await expect(usedInput).toHaveAccessibleDescription(
        /in use \(leased\): this subnet cannot be removed/,
      );
      expect(await seriousA11yViolations(page)).toEqual([]);

      // A bad CIDR: the field says why, and Save does not open the review.
      const n = original.length + 1;
      await network.getByRole('button', { name: 'Add subnet' }).click();
      const added = network.getByLabel(`virtualMachineCIDRs, subnet ${n}`);
      await expect(added).toBeFocused();
      await added.fill('10.300.0.0/16');
      await added.blur();
      await expect(added).toHaveAccessibleDescription(/Not a valid CIDR/);
      await expect(added).toHaveAttribute('aria-invalid', 'true');
      // An overlapping one.
      await added.fill(first.replace(/\/\d+$/, '/25'));
      await expect(added).toHaveAccessibleDescription(
        `Overlaps with ${first}: subnets must not overlap.`,
      );
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('dialog')).toHaveCount(0);
      await expect(added).toBeFocused();

      // Removing the subnet in use: warned here and in the review; the module refuses, the
      // refusal lands on the list.
      await added.fill('10.77.0.0/16');
      await network.getByRole('button', { name: `Remove subnet ${used}` }).click();
      await expect(
        network.getByRole('alert').filter({ hasText: `Subnet ${used} still has addresses in use` }),
      ).toBeVisible();
      await page.getByRole('button', { name: 'Save' }).click();
      const review = page.getByRole('dialog', { name: 'Save module settings' });
      await expect(review).toContainText('spec.settings.virtualMachineCIDRs');
      await expect(review).toContainText(`Subnet ${used} still has addresses in use`);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await review.getByRole('button', { name: 'Save' }).click();
      await expect(review).toBeHidden();
      await expect(
        network.getByRole('alert').filter({ hasText: /can't be removed/ }),
      ).toContainText(vmip);
      expect(await cidrs(bff)).toEqual(original);

      // Back to the saved values, then a valid change entirely by keyboard.
      await page.getByRole('button', { name: 'Discard changes' }).click();
      await expect(network.getByLabel(`virtualMachineCIDRs, subnet ${n}`)).toHaveCount(0);
      await network.getByRole('button', { name: 'Add subnet' }).focus();
      await page.keyboard.press('Enter');
      await expect(network.getByLabel(`virtualMachineCIDRs, subnet ${n}`)).toBeFocused();
      await page.keyboard.type('10.77.0.0/16');
      await page.keyboard.press('Enter'); // submits the form: the review opens
      await expect(review).toBeVisible();
      await expect(
        review.getByRole('row').filter({ hasText: 'virtualMachineCIDRs' }),
      ).toContainText('10.77.0.0/16');
      const save = review.getByRole('button', { name: 'Save' });
      for (let i = 0; i < 6; i += 1) {
        if (await save.evaluate((el) => el === document.activeElement)) break;
        await page.keyboard.press('Tab');
      }
      await expect(save).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(review).toBeHidden();
      await expect(page.getByText('The virtualization module settings are saved.')).toBeVisible();
      await expect.poll(() => cidrs(bff)).toEqual([...original, '10.77.0.0/16']);

      // It shows after a reload (from the server).
      await page.reload();
      await expect(
        page
          .getByRole('region', { name: 'Network settings' })
          .getByLabel(`virtualMachineCIDRs, subnet ${n}`),
      ).toHaveValue('10.77.0.0/16');
    } finally {
      await restoreCidrs(bff, original);
      await bff.delete(`${VMIPS}/${vmip}`).catch(() => undefined);
    }
  });

  test('Russian wording of the Configuration tab; the Overview tab', async ({ page }) => {
    await openIn(page, 'ru', '/system/modules/virtualization?advanced=1');
    await expect(page.getByRole('tab', { name: 'Конфигурация' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(page.getByRole('switch', { name: 'Расширенные настройки' })).toBeChecked();
    await expect(page.getByRole('heading', { name: 'Включение модуля' })).toBeVisible();
    const network = page.getByRole('region', { name: 'Сетевые настройки' });
    await expect(network).toContainText(
      'Подсеть, адреса из которой уже выданы виртуальным машинам, удалить нельзя.',
    );
    await expect(network.getByRole('button', { name: 'Добавить подсеть' })).toBeVisible();
    await expect(
      page.getByRole('heading', { name: 'Настройки классов хранения для дисков' }),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: 'Сохранить' })).toHaveAccessibleDescription(
      'Нет изменений для сохранения.',
    );
    await page.getByRole('tab', { name: 'Обзор' }).click();
    await expect(page).toHaveURL(/\/system\/modules\/virtualization\/overview/);
    await expect(page.getByText('Включён', { exact: true })).toBeVisible();
    await expect(page.getByText('virtualMachineCIDRs:')).toBeVisible();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
