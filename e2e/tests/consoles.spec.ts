import { expect, openIn, seriousA11yViolations, test } from '../fixtures/index.ts';
import { distinctPixels, terminal, unique } from '../fixtures/console.ts';
import { BASE_URL } from '../fixtures/stack.ts';
import { createRunningVm, deleteVm } from '../fixtures/vm.ts';

test.describe('VM consoles', () => {
  test('TTY: log in on the serial console, run a command; a second session must confirm the takeover', async ({
    page,
    bff,
    browser,
  }) => {
    const { name } = await createRunningVm(bff, unique('console-tty'));
    try {
      await openIn(page, 'en', `/projects/demo/vms/${name}/tty`);
      const toolbar = page.getByRole('toolbar', { name: 'Serial console actions' });
      await expect(toolbar.getByRole('status')).toHaveText('Connected');
      // The guest may still be booting: its login prompt arrives on the serial port.
      await expect(terminal(page)).toContainText('login:', { timeout: 120_000 });
      expect(await seriousA11yViolations(page)).toEqual([]);

      await page.getByRole('region', { name: `Serial console of ${name}` }).click();
      await page.keyboard.type('cloud\n');
      await expect(terminal(page)).toContainText('Password:', { timeout: 30_000 });
      await page.keyboard.type('cloud\n');
      await expect(terminal(page)).toContainText(`cloud@${name}`, { timeout: 30_000 });
      // The command line shows `$((6*7))`; only the shell's output shows 42.
      await page.keyboard.type('echo e2e-$((6*7))\n');
      await expect(terminal(page)).toContainText('e2e-42', { timeout: 60_000 });

      // Search finds text in the scrollback.
      await toolbar.getByRole('searchbox', { name: 'Search in the console' }).fill('e2e-42');
      await toolbar.getByRole('button', { name: 'Next match' }).click();
      await expect(toolbar.getByText('No matches')).toBeHidden();

      // Another browser (another user's session) sees the holder and must confirm.
      const other = await browser.newContext({ baseURL: BASE_URL, locale: 'en-US' });
      try {
        const page2 = await other.newPage();
        await openIn(page2, 'en', `/projects/demo/vms/${name}/tty`);
        const dialog = page2.getByRole('dialog', { name: 'Take over the serial console?' });
        await expect(dialog).toBeVisible();
        await expect(dialog).toContainText('admin has held this session since');
        await expect(dialog).toContainText('client: dvp-console, HeadlessChrome');
        await dialog.getByRole('button', { name: 'Take over' }).click();
        await expect(
          page2.getByRole('toolbar', { name: 'Serial console actions' }).getByRole('status'),
        ).toHaveText('Connected');
        await expect(toolbar.getByRole('status')).toHaveText(
          'Disconnected: the console was taken over by another session',
        );
        // The shell is still logged in: the new session gets the prompt after its Enter.
        await page2.getByRole('region', { name: `Serial console of ${name}` }).click();
        await page2.keyboard.type('echo again-$((2*3))\n');
        await expect(terminal(page2)).toContainText('again-6', { timeout: 60_000 });

        // Reconnecting asks again while the other session holds the console.
        await toolbar.getByRole('button', { name: 'Reconnect' }).click();
        await expect(
          page.getByRole('dialog', { name: 'Take over the serial console?' }),
        ).toBeVisible();
      } finally {
        await other.close();
      }
    } finally {
      await deleteVm(bff, name);
    }
  });

  test('VNC: the guest screen, a PNG screenshot, and the toolbar in Russian', async ({
    page,
    bff,
  }) => {
    const { name } = await createRunningVm(bff, unique('console-vnc'));
    try {
      await openIn(page, 'en', `/projects/demo/vms/${name}/vnc`);
      const toolbar = page.getByRole('toolbar', { name: 'VNC actions' });
      await expect(toolbar.getByRole('status')).toHaveText('Connected');
      await expect
        .poll(() => distinctPixels(page), { timeout: 120_000, message: 'guest screen drawn' })
        .toBeGreaterThan(200);

      const download = page.waitForEvent('download');
      await toolbar.getByRole('button', { name: 'Screenshot' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(new RegExp(`^${name}-[0-9TZ-]+\\.png$`));

      // Paste as keystrokes: a dialog in the URL, with the layout choice.
      await toolbar.getByRole('button', { name: 'Paste as keystrokes' }).click();
      const paste = page.getByRole('dialog', { name: 'Paste as keystrokes' });
      await expect(page).toHaveURL(/dialog=paste/);
      await paste
        .getByRole('combobox', { name: 'Keyboard layout of the guest' })
        .selectOption('ru');
      await paste.getByRole('textbox', { name: 'Text to type' }).fill('привет hi');
      await expect(paste.getByRole('alert')).toContainText('2 characters cannot be typed');
      await paste.getByRole('button', { name: 'Cancel' }).click();
      await expect(page).not.toHaveURL(/dialog=paste/);

      await openIn(page, 'ru', `/projects/demo/vms/${name}/vnc`);
      const ru = page.getByRole('toolbar', { name: 'Действия VNC' });
      // The page just reconnected; the previous session's lease may still be in place.
      const takeOver = page.getByRole('dialog', { name: 'Перехватить сеанс VNC?' });
      await expect(ru.or(takeOver)).toBeVisible();
      if (await takeOver.isVisible())
        await takeOver.getByRole('button', { name: 'Перехватить' }).click();
      await expect(ru.getByRole('status')).toHaveText('Подключено');
      for (const label of [
        'Снимок экрана',
        'Вставить как нажатия клавиш',
        'Во весь экран',
        'Переподключиться',
        'Ctrl+Alt+Del',
      ])
        await expect(ru.getByRole('button', { name: label })).toBeVisible();
      await expect(ru.getByRole('combobox', { name: 'Масштаб' })).toHaveValue('fit');
    } finally {
      await deleteVm(bff, name);
    }
  });

  test('a VM that is not running shows why instead of connecting', async ({ page, bff }) => {
    const name = unique('console-off');
    const path = `/api/v1/namespaces/demo/virtualmachines/${name}`;
    // Never started: no guest needed.
    await bff.post('/api/v1/namespaces/demo/virtualmachines', {
      metadata: { name },
      spec: {
        virtualMachineClassName: 'generic',
        runPolicy: 'AlwaysOff',
        cpu: { cores: 1, coreFraction: '10%' },
        memory: { size: '256Mi' },
        blockDeviceRefs: [{ kind: 'VirtualDisk', name: `${name}-root` }],
      },
    });
    try {
      const phaseOf = () =>
        bff
          .get<{ vm: { status?: { phase?: string } } }>(path)
          .then((d) => d.vm.status?.phase ?? '');
      await expect.poll(phaseOf, { timeout: 60_000 }).not.toBe('');
      const phase = await phaseOf();
      expect(phase).not.toMatch(/^(Running|Migrating)$/);
      await openIn(page, 'en', `/projects/demo/vms/${name}/tty`);
      await expect(
        page.getByText(
          `The VM is ${phase}. The console is available while the VM is Running or Migrating.`,
        ),
      ).toBeVisible();
      await expect(page.getByRole('toolbar', { name: 'Serial console actions' })).toHaveCount(0);
    } finally {
      await deleteVm(bff, name);
    }
  });
});
