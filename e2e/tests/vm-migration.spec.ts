import type { Page } from '@playwright/test';
import { expect, openIn, test, type BffApi } from '../fixtures/index.ts';
import { CLOUD_INIT, createRunningVm, deleteVm } from '../fixtures/vm.ts';

const NS = '/api/v1/namespaces/demo';
const uniq = (prefix: string) => `${prefix}-${Date.now().toString(36)}`;

/**
 * A busy guest (seed 000, "Live migration": the more dirty pages, the longer a migration takes;
 * with too little bandwidth it may not complete at all): cloud-init starts a loop that keeps
 * rewriting 128 MiB of random data in memory. Under `AlwaysSafe` (no AutoConverge) the sandbox's
 * per-migration bandwidth limit (KubeVirt's 64 MiB/s) keeps such a migration running for
 * seconds at least, and usually it never converges: the case Cancel exists for.
 */
const BUSY_CLOUD_INIT = `${CLOUD_INIT}runcmd:
  - "(head -c 1048576 /dev/urandom > /tmp/blk; i=0; while [ $i -lt 128 ]; do cat /tmp/blk; i=$((i+1)); done > /tmp/src; while :; do dd if=/tmp/src of=/dev/shm/dirty bs=1M conv=notrunc; done) > /dev/null 2>&1 &"
`;

/** The terminal's visible text (xterm.js's DOM renderer rows). */
const terminal = (page: Page) => page.locator('.xterm-rows');

interface Detail {
  vm: {
    status?: {
      phase?: string;
      nodeName?: string;
      conditions?: { type: string; status: string }[];
      migrationState?: { result?: string; endTimestamp?: string; source?: { node?: string } };
    };
  };
}

interface Vmop {
  metadata: { name: string };
  spec: { type: string; virtualMachineName: string };
}

const detailOf = (bff: BffApi, name: string) =>
  bff.get<Detail>(`${NS}/virtualmachines/${name}`).then((d) => d.vm.status ?? {});

const migrationOps = async (bff: BffApi, name: string) =>
  (await bff.get<{ items: Vmop[] }>(`${NS}/virtualmachineoperations`)).items
    .filter((o) => o.spec.virtualMachineName === name && /^(Evict|Migrate)$/.test(o.spec.type))
    .map((o) => o.metadata.name);

test.describe('live migration', () => {
  test('Миграция из шапки ВМ, отмена на вкладке «Обзор»: операция удалена, ВМ работает на прежнем узле', async ({
    page,
    bff,
  }) => {
    const name = uniq('mig-cancel');
    const { node } = await createRunningVm(bff, name, {
      memory: '512Mi',
      userData: BUSY_CLOUD_INIT,
      spec: { liveMigrationPolicy: 'AlwaysSafe' },
    });
    try {
      // On the serial console (TTY tab): wait until the guest has rewritten all 128 MiB once.
      await openIn(page, 'ru', `/projects/demo/vms/${name}/tty`);
      await expect(terminal(page)).toContainText('login:', { timeout: 120_000 });
      await page.getByRole('region', { name: `Серийная консоль ${name}` }).click();
      await page.keyboard.type('cloud\n');
      await expect(terminal(page)).toContainText('Password:', { timeout: 30_000 });
      await page.keyboard.type('cloud\n');
      await expect(terminal(page)).toContainText(`cloud@${name}`, { timeout: 30_000 });
      await page.keyboard.type(
        'until [ "$(wc -c < /dev/shm/dirty)" = 134217728 ]; do sleep 1; done; echo busy-$((2*5))\n',
      );
      await expect(terminal(page)).toContainText('busy-10', { timeout: 120_000 });
      expect(await migrationOps(bff, name)).toEqual([]);

      await openIn(page, 'ru', `/projects/demo/vms/${name}/overview`);
      const section = page.getByRole('region', { name: 'Миграция', exact: true });
      await expect(section).toContainText('ВМ не мигрировала в текущем запуске.');
      await page.getByRole('button', { name: `Действия для ${name}` }).click();
      await page.getByRole('menuitem', { name: 'Мигрировать' }).click();
      const dialog = page.getByRole('dialog', { name: `Миграция ${name}` });
      await expect(dialog).toContainText(`Текущий узел: ${node}`);
      await dialog.getByRole('button', { name: 'Мигрировать', exact: true }).click();
      await expect(dialog).toBeHidden();

      // The running migration shows live: its operation, phase and progress, with Cancel.
      await expect(section).toContainText(/Операция \S+ \((Migrate|Evict)\): InProgress/, {
        timeout: 60_000,
      });
      await expect(section.getByRole('progressbar', { name: 'Прогресс' })).toBeVisible();
      const [op] = await migrationOps(bff, name);
      expect(op).toBeTruthy();
      expect((await detailOf(bff, name)).phase).toBe('Migrating');

      await section.getByRole('button', { name: 'Отменить миграцию' }).click();
      await expect(page.getByText(`Миграция ${op ?? ''} отменена.`)).toBeVisible();
      await expect(section.getByRole('button', { name: 'Отменить миграцию' })).toHaveCount(0);

      // The operation is gone; the attempt ended and the VM runs where it ran.
      await expect.poll(() => migrationOps(bff, name), { timeout: 60_000 }).toEqual([]);
      await expect
        .poll(async () => (await detailOf(bff, name)).migrationState?.endTimestamp ?? '', {
          timeout: 60_000,
          message: 'the migration attempt ended',
        })
        .not.toBe('');
      const after = await detailOf(bff, name);
      expect(after.phase).toBe('Running');
      expect(after.nodeName).toBe(node);
      expect(after.migrationState?.result).toBe('Failed');
      const header = page.locator('header').filter({
        has: page.getByRole('heading', { level: 1, name }),
      });
      await expect(header.getByText('Работает', { exact: true })).toBeVisible();
      await expect(header.getByText(node, { exact: true })).toBeVisible();
      await expect(section).toContainText(`Исходный узел${node}`);
      await expect(section).toContainText('РезультатОшибка');
    } finally {
      await deleteVm(bff, name);
    }
  });
});
