import { expect, openIn, seriousA11yViolations, test, type BffApi } from '../fixtures/index.ts';
import { createRunningVm, deleteVm } from '../fixtures/vm.ts';

const NS = '/api/v1/namespaces/demo';
const NODES = '/api/v1/cluster/nodes';
const uniq = (prefix: string) => `${prefix}-${Date.now().toString(36)}`;

interface Node {
  metadata: { name: string; resourceVersion: string };
  spec?: { unschedulable?: boolean };
}

const vmNode = (bff: BffApi, name: string) =>
  bff
    .get<{ vm: { status?: { phase?: string; nodeName?: string } } }>(
      `${NS}/virtualmachines/${name}`,
    )
    .then((d) => `${d.vm.status?.phase ?? ''}@${d.vm.status?.nodeName ?? ''}`);

const cordoned = (bff: BffApi, node: string) =>
  bff.get<Node>(`${NODES}/${node}`).then((n) => n.spec?.unschedulable === true);

/** Uncordons `node` through the API (cleanup): a fresh resourceVersion, retried on Conflict. */
async function uncordon(bff: BffApi, node: string): Promise<void> {
  await expect
    .poll(
      async () => {
        const n = await bff.get<Node>(`${NODES}/${node}`);
        if (!n.spec?.unschedulable) return true;
        await bff
          .patch(`${NODES}/${node}`, {
            metadata: { resourceVersion: n.metadata.resourceVersion },
            spec: { unschedulable: null },
          })
          .catch(() => undefined);
        return false;
      },
      { timeout: 30_000, message: `node ${node} uncordoned` },
    )
    .toBe(true);
}

/** Moves VM `name` to `node` (a Migrate operation with a target) and waits until it runs there. */
async function moveTo(bff: BffApi, name: string, node: string): Promise<void> {
  if ((await vmNode(bff, name)) === `Running@${node}`) return;
  await bff.post(`${NS}/virtualmachines/${name}/actions/migrate`, { targetNodeName: node });
  await expect
    .poll(() => vmNode(bff, name), { timeout: 120_000, message: `${name} runs on ${node}` })
    .toBe(`Running@${node}`);
}

test.describe('Nodes (System)', () => {
  test('drain plan → Cordon + Drain → live evacuation queue → node empty → Uncordon', async ({
    page,
    bff,
  }) => {
    const a = uniq('drain-a');
    const b = uniq('drain-b');
    let node = '';
    try {
      node = (await createRunningVm(bff, a)).node;
      await createRunningVm(bff, b);
      // Both VMs on one node: the one to drain.
      await moveTo(bff, b, node);
      const others = (await bff.get<{ items: Node[] }>(NODES)).items
        .map((n) => n.metadata.name)
        .filter((n) => n !== node);
      expect(others.length).toBeGreaterThan(0);

      // The list: readiness, schedulability, VMs and what they reserve.
      await openIn(page, 'en', '/system/nodes');
      const table = page.getByRole('table', { name: 'Nodes' });
      const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: node }) });
      await expect(row).toContainText('Ready');
      await expect(row).toContainText('Schedulable');
      await expect(row).toContainText(/of 1 core/);
      await expect(row).toContainText('Broadwell-noTSX');
      expect(await seriousA11yViolations(page)).toEqual([]);

      // The node page lists both VMs.
      await row.getByRole('link', { name: node }).click();
      await expect(page.getByRole('heading', { level: 1, name: node })).toBeVisible();
      const vms = page.getByRole('region', { name: /Virtual machines on this node/ });
      await expect(vms.getByRole('link', { name: a })).toBeVisible();
      await expect(vms.getByRole('link', { name: b })).toBeVisible();
      expect(await seriousA11yViolations(page)).toEqual([]);

      // The plan, opened with the keyboard: both VMs migrate, each to a predicted other node.
      await page.getByRole('button', { name: 'Cordon + Drain' }).focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: `Cordon + Drain ${node}` });
      await expect(dialog).toBeVisible();
      await expect(page).toHaveURL(/drain=plan/);
      const plan = dialog.getByRole('table', { name: 'Drain plan' });
      for (const vm of [a, b]) {
        const r = plan.getByRole('row').filter({ has: page.getByRole('link', { name: vm }) });
        await expect(r).toContainText('Live migration');
        await expect(r).toContainText(others[0] ?? '');
      }
      await expect(dialog).toContainText(
        '2 virtual machines on the node: 2 will be evacuated, 0 will stay.',
      );
      await expect(dialog).toContainText('best-effort prediction');
      expect(await seriousA11yViolations(page)).toEqual([]);

      // Confirm with the keyboard (Tab to the dialog's own "Cordon + Drain").
      const confirm = dialog.getByRole('button', { name: 'Cordon + Drain' });
      for (let i = 0; i < 12; i += 1) {
        if (await confirm.evaluate((el) => el === document.activeElement)) break;
        await page.keyboard.press('Tab');
      }
      await expect(confirm).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(dialog).toBeHidden();
      await expect(page).toHaveURL(/ops=/);

      // The live queue: one Evict operation per VM, ending Completed, and the node empty.
      const queue = page.getByRole('region', { name: 'Evacuation' });
      await expect(queue).toBeVisible();
      for (const vm of [a, b]) {
        await expect(
          queue.getByRole('row').filter({ has: page.getByRole('link', { name: vm }) }),
        ).toContainText('Evict');
      }
      await expect(page.getByText('Cordoned', { exact: true })).toBeVisible();
      expect(await cordoned(bff, node)).toBe(true);
      await expect(queue).toContainText('2 of 2 operations completed', { timeout: 150_000 });
      await expect(page.getByRole('status').filter({ hasText: 'The node is empty' })).toBeVisible();
      for (const vm of [a, b]) {
        const r = queue.getByRole('row').filter({ has: page.getByRole('link', { name: vm }) });
        await expect(r).toContainText('Completed');
        await expect(r).toContainText(others[0] ?? '');
        expect(await vmNode(bff, vm)).not.toBe(`Running@${node}`);
      }
      expect(await seriousA11yViolations(page)).toEqual([]);

      // Uncordon: schedulable again.
      await page.getByRole('button', { name: 'Uncordon' }).click();
      await expect(page.getByText('Schedulable', { exact: true })).toBeVisible();
      await expect.poll(() => cordoned(bff, node)).toBe(false);
      await expect(page.getByRole('button', { name: 'Uncordon' })).toHaveAttribute(
        'aria-disabled',
        'true',
      );
    } finally {
      if (node) await uncordon(bff, node);
      await deleteVm(bff, a);
      await deleteVm(bff, b);
    }
  });

  test('Russian wording; actions disabled with a reason for a user who may not drain', async ({
    page,
    bff,
  }) => {
    const node = (await bff.get<{ items: Node[] }>(NODES)).items[0]?.metadata.name ?? '';
    await openIn(page, 'ru', `/system/nodes/${node}?drain=plan`);
    const dialog = page.getByRole('dialog', { name: `Cordon + Drain ${node}` });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Узел переводится в режим технического обслуживания');
    await expect(dialog).toContainText('примерный прогноз');
    await dialog.getByRole('button', { name: 'Отмена' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Готовность', { exact: true })).toBeVisible();
    await expect(page.getByText('CPU, занятый ВМ', { exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Узлы' }).first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Uncordon' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    expect(await seriousA11yViolations(page)).toEqual([]);

    // carol (a cluster manager: nodes yes, VMs and their operations no) may not drain.
    await page.getByRole('combobox', { name: 'Сменить пользователя' }).selectOption('carol');
    await expect(page.getByRole('combobox', { name: 'Сменить пользователя' })).toHaveValue('carol');
    await openIn(page, 'en', `/system/nodes/${node}`);
    const drain = page.getByRole('button', { name: 'Cordon + Drain' });
    await expect(drain).toHaveAttribute('aria-disabled', 'true');
    await expect(drain).toHaveAccessibleDescription(/may not create virtual machine operations/);
    await expect(
      page.getByRole('alert').filter({ hasText: 'VM placement is not available' }),
    ).toBeVisible();
  });
});
