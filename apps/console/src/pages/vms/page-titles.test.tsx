import { QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../api/query.ts';
import { I18nProvider } from '../../i18n/i18n.tsx';
import type { Locale } from '../../i18n/messages/index.ts';
import { ProjectsPage } from '../projects/ProjectsPage.tsx';
import { ResourceListPage } from '../resources/ResourceListPage.tsx';
import { VmListPage } from './list/VmListPage.tsx';
import { VmCreatePage } from './VmCreatePage.tsx';
import { VmPage } from './VmPage.tsx';

/**
 * Every page names the browser tab (and, through the embed bridge, the host's `dvp:title`) in the
 * current locale, from its first render: the data may still be loading (the BFF never answers
 * here), the title only needs the URL.
 */
function renderAt(path: string, locale: Locale = 'en') {
  const router = createMemoryRouter(
    [
      { path: '/projects', element: <ProjectsPage /> },
      { path: '/projects/:project/vms', element: <VmListPage project="demo" /> },
      { path: '/projects/:project/vms/new', element: <VmCreatePage /> },
      { path: '/projects/:project/vms/:name/:tab', element: <VmPage /> },
      { path: '/projects/:project/disks', element: <ResourceListPage resource="virtualdisks" /> },
    ],
    { initialEntries: [path] },
  );
  render(
    <I18nProvider initial={locale}>
      <QueryClientProvider client={createQueryClient()}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nProvider>,
  );
  return router;
}

describe('page titles', () => {
  beforeEach(() => {
    document.title = 'before';
    // The BFF is still thinking: pages show their loading state.
    vi.stubGlobal('fetch', () => new Promise<Response>(() => undefined));
    vi.stubGlobal(
      'ResizeObserver',
      class {
        observe() {}
        unobserve() {}
        disconnect() {}
      },
    );
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it.each([
    ['/projects', 'en', 'Projects · DVP Console'],
    ['/projects/demo/vms', 'en', 'Virtual Machines · demo · DVP Console'],
    ['/projects/demo/vms', 'ru', 'Виртуальные машины · demo · DVP Console'],
    ['/projects/demo/vms/new', 'en', 'Create virtual machine · demo · DVP Console'],
    ['/projects/demo/vms/web-1/events', 'en', 'web-1 · Events · demo · DVP Console'],
    ['/projects/demo/vms/web-1/configuration', 'ru', 'web-1 · Конфигурация · demo · DVP Console'],
    ['/projects/demo/disks', 'en', 'VM Disks · demo · DVP Console'],
  ] as const)('%s in %s: %s', async (path, locale, title) => {
    renderAt(path, locale);
    await act(() => Promise.resolve());
    expect(document.title).toBe(title);
  });

  it('follows the tab the user switches to', async () => {
    const router = renderAt('/projects/demo/vms/web-1/overview');
    await act(() => Promise.resolve());
    expect(document.title).toBe('web-1 · Overview · demo · DVP Console');
    await act(() => router.navigate('/projects/demo/vms/web-1/tty'));
    expect(document.title).toBe('web-1 · TTY · demo · DVP Console');
  });
});
