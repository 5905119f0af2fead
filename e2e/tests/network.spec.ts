import type { Locator, Page } from '@playwright/test';
import { expect, openIn, seriousA11yViolations, test, type BffApi } from '../fixtures/index.ts';
import { createRunningVm, deleteVm } from '../fixtures/vm.ts';

const NS = '/api/v1/namespaces/demo';
const uniq = (prefix: string) => `${prefix}-${Date.now().toString(36)}`;

interface Vmip {
  metadata: { name: string; ownerReferences?: { kind: string }[] };
  spec?: { type?: string; staticIP?: string };
  status?: { address?: string; phase?: string };
}
interface Detail {
  ipAddress: Vmip | null;
}

/** Presses Tab until `target` has focus (keyboard only; fails after 80 steps). */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 80; i += 1) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('the control was not reached with Tab');
}

/** A free address of the sandbox's second VM subnet (10.66.20.0/24), from the leases. */
async function freeAddress(bff: BffApi): Promise<string> {
  const leases = await bff.get<{ items: { metadata: { name: string } }[] }>(
    '/api/v1/cluster/virtualmachineipaddressleases?limit=500',
  );
  const used = new Set(leases.items.map((l) => l.metadata.name));
  const start = 20 + (Date.now() % 200);
  for (let i = 0; i < 230; i += 1) {
    const ip = `10.66.20.${((start + i) % 230) + 10}`;
    if (!used.has(`ip-${ip.replaceAll('.', '-')}`)) return ip;
  }
  throw new Error('no free address in 10.66.20.0/24');
}

async function vmipOf(bff: BffApi, vm: string): Promise<Vmip> {
  let ip: Vmip | null = null;
  await expect
    .poll(async () => {
      ip = (await bff.get<Detail>(`${NS}/virtualmachines/${vm}`)).ipAddress;
      return ip?.status?.phase;
    })
    .toBe('Attached');
  if (!ip) throw new Error('no address');
  return ip;
}

test.describe('Network', () => {
  // Each test boots a real guest first; on a loaded machine that alone can take minutes.
  test.describe.configure({ timeout: 300_000 });

  test('IP addresses: request a static address (field errors), keep after VM deletion, delete; leases; axe', async ({
    page,
    bff,
  }) => {
    const vm = uniq('net-ip');
    const staticName = uniq('net-static');
    await createRunningVm(bff, vm);
    try {
      const auto = await vmipOf(bff, vm);
      const autoAddress = auto.status?.address ?? '';
      await openIn(page, 'en', '/projects/demo/network/ip-addresses');
      await expect(page.getByRole('heading', { name: 'IP addresses', level: 1 })).toBeVisible();
      const autoRow = page.getByRole('row').filter({ hasText: auto.metadata.name });
      await expect(autoRow).toContainText(autoAddress);
      await expect(autoRow).toContainText('Auto');
      await expect(autoRow.getByRole('link', { name: vm })).toBeVisible();
      expect(await seriousA11yViolations(page)).toEqual([]);

      // Request a static address: out of the subnets (checked in the browser), taken (the
      // cluster's answer on the field), then a free one.
      await page.getByRole('button', { name: 'Request a static address' }).click();
      const dialog = page.getByRole('dialog', { name: 'Request a static address' });
      await expect(dialog).toBeVisible();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(staticName);
      const address = dialog.getByRole('textbox', { name: 'Address', exact: true });
      await address.fill('10.99.0.5');
      await dialog.getByRole('button', { name: 'Request', exact: true }).click();
      await expect(dialog.getByText(/not in the VM subnets/)).toBeVisible();
      await expect(address).toHaveAttribute('aria-invalid', 'true');
      await address.fill(autoAddress);
      await dialog.getByRole('button', { name: 'Request', exact: true }).click();
      await expect(dialog.getByText(/has already been allocated/)).toBeVisible();
      const free = await freeAddress(bff);
      await address.fill(free);
      await dialog.getByRole('button', { name: 'Request', exact: true }).click();
      await expect(dialog).toBeHidden();
      await expect
        .poll(async () => {
          const o = await bff.get<Vmip>(`${NS}/virtualmachineipaddresses/${staticName}`);
          return [o.spec?.type, o.status?.address];
        })
        .toEqual(['Static', free]);
      const staticRow = page.getByRole('row').filter({ hasText: staticName });
      await expect(staticRow).toContainText('Static');
      await expect(staticRow).toContainText(free);

      // Delete is blocked (with the reason) while the VM uses the address.
      await autoRow.getByRole('button', { name: `More actions for ${auto.metadata.name}` }).click();
      const del = page.getByRole('menuitem', { name: /^Delete/ });
      await expect(del).toHaveAttribute('aria-disabled', 'true');
      await expect(del).toContainText(`The VM ${vm} uses this address`);

      // Keep after VM deletion: the seeds' ownerReferences procedure as one action.
      await page.getByRole('menuitem', { name: /^Keep after VM deletion/ }).click();
      const keep = page.getByRole('dialog', {
        name: `Keep ${auto.metadata.name} after VM deletion?`,
      });
      await expect(keep.getByText(`belongs to the VM ${vm}`)).toBeVisible();
      await expect(keep.getByText(/"ownerReferences":null/)).toBeVisible();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await keep.getByRole('button', { name: 'Keep the address' }).click();
      await expect(keep).toBeHidden();
      await expect
        .poll(async () => {
          const o = await bff.get<Vmip>(`${NS}/virtualmachineipaddresses/${auto.metadata.name}`);
          return (o.metadata.ownerReferences ?? []).filter((r) => r.kind === 'VirtualMachine');
        })
        .toEqual([]);

      // Delete the free static address (confirmed).
      await staticRow.getByRole('button', { name: `More actions for ${staticName}` }).click();
      await page.getByRole('menuitem', { name: /^Delete/ }).click();
      const confirm = page.getByRole('dialog', { name: `Delete ${staticName}?` });
      await expect(confirm).toContainText(free);
      await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
      await expect(staticRow).toHaveCount(0);

      // The admin's view of the pool: the VM's lease, bound to its address object.
      await openIn(page, 'en', '/system/ip-leases');
      await expect(
        page.getByRole('heading', { name: 'IP address leases', level: 1 }),
      ).toBeVisible();
      const lease = page
        .getByRole('row')
        .filter({ hasText: `ip-${autoAddress.replaceAll('.', '-')}` });
      await expect(lease.getByRole('link', { name: `demo/${auto.metadata.name}` })).toBeVisible();
      await expect(lease).toContainText('Bound');
      await page.getByRole('tab', { name: 'MAC address leases' }).click();
      await expect(
        page.getByRole('heading', { name: 'MAC address leases', level: 1 }),
      ).toBeVisible();
      expect(await seriousA11yViolations(page)).toEqual([]);

      // Russian wording (seed 003).
      await openIn(page, 'ru', '/projects/demo/network/ip-addresses');
      await expect(page.getByRole('heading', { name: 'IP-адреса', level: 1 })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Запросить статический адрес' })).toBeVisible();
      await page.getByRole('tab', { name: 'MAC-адреса' }).click();
      await expect(page.getByRole('heading', { name: 'MAC-адреса', level: 1 })).toBeVisible();
    } finally {
      const ip = await bff.get<Detail>(`${NS}/virtualmachines/${vm}`).catch(() => undefined);
      await deleteVm(bff, vm);
      if (ip?.ipAddress)
        await bff
          .delete(`${NS}/virtualmachineipaddresses/${ip.ipAddress.metadata.name}`)
          .catch(() => undefined);
      await bff.delete(`${NS}/virtualmachineipaddresses/${staticName}`).catch(() => undefined);
    }
  });

  test('a Service selecting a labelled VM (keyboard only), then an Ingress for it; Russian; axe', async ({
    page,
    bff,
  }) => {
    const vm = uniq('net-svc');
    const label = uniq('web');
    const svc = uniq('nginx');
    const ing = uniq('site');
    await createRunningVm(bff, vm, { labels: { app: label } });
    try {
      await openIn(page, 'en', '/projects/demo/network/services');
      await expect(page.getByRole('heading', { name: 'Services', level: 1 })).toBeVisible();
      expect(await seriousA11yViolations(page)).toEqual([]);

      // Keyboard only: open the dialog, fill it, submit with Enter.
      const create = page.getByRole('button', { name: 'Create', exact: true });
      await tabTo(page, create);
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Create service' });
      await expect(dialog).toBeVisible();
      await tabTo(page, dialog.getByRole('textbox', { name: 'Name', exact: true }));
      await page.keyboard.type(svc);
      await tabTo(page, dialog.getByLabel('Key'));
      await page.keyboard.type('app');
      await tabTo(page, dialog.getByLabel('Value'));
      await page.keyboard.type(label);
      // The selector matches the VM now, before the service exists.
      const matched = dialog.getByRole('list', { name: 'Matching VMs' });
      await expect(matched.getByRole('link', { name: vm })).toBeVisible();
      await expect(dialog.getByText(`1 VM matches app=${label} now.`)).toBeVisible();
      await tabTo(page, dialog.getByLabel('Port', { exact: true }));
      await page.keyboard.type('80');
      await tabTo(page, dialog.getByLabel('Target port'));
      await page.keyboard.type('80');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.keyboard.press('Enter');

      // The service's page: the VM is still matched, now through the service.
      await expect(page.getByRole('heading', { name: svc, level: 1 })).toBeVisible();
      await expect(
        page.getByRole('list', { name: 'Matching VMs' }).getByRole('link', { name: vm }),
      ).toBeVisible();
      await expect(
        page.getByRole('definition').filter({ hasText: `${svc}.demo.svc` }),
      ).toBeVisible();
      const body = await bff.get<{ spec: { selector: Record<string, string>; clusterIP: string } }>(
        `${NS}/services/${svc}`,
      );
      expect(body.spec.selector).toEqual({ app: label });
      await expect(
        page.getByRole('definition').filter({ hasText: body.spec.clusterIP }),
      ).toBeVisible();
      expect(await seriousA11yViolations(page)).toEqual([]);

      // An Ingress for it (service and port preselected from the service's page).
      await page.getByRole('link', { name: 'Create Ingress' }).click();
      const ingDialog = page.getByRole('dialog', { name: 'Create Ingress' });
      await expect(ingDialog.getByRole('combobox', { name: 'Service', exact: true })).toHaveValue(
        svc,
      );
      await expect(ingDialog.getByRole('combobox', { name: 'Service port' })).toHaveValue('80');
      await ingDialog.getByRole('textbox', { name: 'Name', exact: true }).fill(ing);
      await ingDialog.getByLabel('Host').fill(`${ing}.example.com`);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await ingDialog.getByRole('button', { name: 'Create', exact: true }).click();
      await expect(ingDialog).toBeHidden();
      const ingRow = page.getByRole('row').filter({ hasText: ing });
      await expect(ingRow).toContainText(`${ing}.example.com`);
      await expect(ingRow.getByRole('link', { name: svc })).toBeVisible();
      const ingress = await bff.get<{
        spec: { rules: { host: string; http: { paths: { backend: unknown }[] } }[] };
      }>(`${NS}/ingresses/${ing}`);
      expect(ingress.spec.rules[0]?.host).toBe(`${ing}.example.com`);
      expect(ingress.spec.rules[0]?.http.paths[0]?.backend).toEqual({
        service: { name: svc, port: { number: 80 } },
      });

      // The list counts the matched VMs.
      await openIn(page, 'en', '/projects/demo/network/services');
      await expect(page.getByRole('row').filter({ hasText: svc })).toContainText('1 VM');

      // Russian wording (seed 003): «Сеть» → «Services» / «Ingresses», «Создать», «Создать Ingress».
      await openIn(page, 'ru', '/projects/demo/network/services?create=service');
      const ru = page.getByRole('dialog', { name: 'Создать сервис' });
      await expect(ru.getByRole('group', { name: 'Селектор' })).toBeVisible();
      await expect(ru.getByRole('button', { name: 'Создать', exact: true })).toBeVisible();
      await ru.getByRole('button', { name: 'Отмена' }).click();
      await openIn(page, 'ru', '/projects/demo/network/ingresses');
      await expect(page.getByRole('heading', { name: 'Ingresses', level: 1 })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Создать Ingress' })).toBeVisible();

      // Delete the Ingress (confirmed).
      await openIn(page, 'en', '/projects/demo/network/ingresses');
      await page
        .getByRole('row')
        .filter({ hasText: ing })
        .getByRole('button', { name: `More actions for ${ing}` })
        .click();
      await page.getByRole('menuitem', { name: /^Delete/ }).click();
      await page
        .getByRole('dialog', { name: `Delete Ingress ${ing}?` })
        .getByRole('button', { name: 'Delete', exact: true })
        .click();
      await expect(page.getByRole('row').filter({ hasText: ing })).toHaveCount(0);
    } finally {
      await bff.delete(`${NS}/ingresses/${ing}`).catch(() => undefined);
      await bff.delete(`${NS}/services/${svc}`).catch(() => undefined);
      await deleteVm(bff, vm);
    }
  });
});
