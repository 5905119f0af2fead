import { expect, openIn, seriousA11yViolations, test } from '../fixtures/index.ts';

test.describe('the shell', () => {
  test('a newcomer lands signed in as admin on the demo project, in English and Russian', async ({
    page,
  }) => {
    await openIn(page, 'en', '/');
    await expect(page).toHaveURL(/\/projects\/demo\/vms$/);
    await expect(
      page
        .getByRole('navigation', { name: 'Main navigation' })
        .getByRole('link', { name: 'Projects' }),
    ).toBeVisible();
    await expect(
      page
        .getByRole('navigation', { name: 'Sections' })
        .getByRole('link', { name: 'Virtual Machines' }),
    ).toBeVisible();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ru');
    await expect(
      page
        .getByRole('navigation', { name: 'Разделы' })
        .getByRole('link', { name: 'Виртуальные машины' }),
    ).toBeVisible();
    // Remembered across a reload.
    await page.goto('/projects/demo/vms');
    await expect(page.getByRole('link', { name: 'Диски ВМ' })).toBeVisible();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  test('System shows the cluster sections', async ({ page }) => {
    await openIn(page, 'en', '/projects/demo/vms');
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'System' })
      .click();
    await expect(page).toHaveURL(/\/system\/cluster-images$/);
    await page.getByRole('link', { name: 'VM Classes' }).click();
    await expect(page.getByRole('cell', { name: 'generic', exact: true })).toBeVisible();
  });
});
