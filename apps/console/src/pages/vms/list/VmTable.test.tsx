import { QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { VmRow } from '@dvp/api';
import { useEffect, useState } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../../api/query.ts';
import { I18nProvider } from '../../../i18n/i18n.tsx';
import { vmRowFixture } from '../../../testing/vm-row.ts';
import { VmTable } from './VmTable.tsx';

const rows = [
  vmRowFixture({ name: 'web-1', phase: 'Running' }),
  vmRowFixture({ name: 'web-2', phase: 'Stopped' }),
];

/** Sets the table's rows, as a streamed update would (set by `Table` on render). */
let setRows: (rows: VmRow[]) => void = () => undefined;

function Table({ initial }: { initial: VmRow[] }) {
  const noop = () => undefined;
  const [current, set] = useState(initial);
  useEffect(() => {
    setRows = set;
  }, []);
  return (
    <VmTable
      project="demo"
      rows={current}
      total={current.length}
      sort="name"
      onSort={noop}
      selected={new Set()}
      onSelect={noop}
      onSelectAll={noop}
      onNearEnd={noop}
    />
  );
}

function renderTable(initial: VmRow[] = rows) {
  const router = createMemoryRouter(
    [
      {
        path: '/projects/:project/vms',
        element: <Table initial={initial} />,
      },
      { path: '/projects/:project/vms/:name/:tab', element: <p>VM page</p> },
    ],
    { initialEntries: ['/projects/demo/vms'] },
  );
  render(
    <I18nProvider initial="en">
      <QueryClientProvider client={createQueryClient()}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nProvider>,
  );
  return router;
}

const trigger = (name: string) => screen.getByRole('button', { name: `Actions for ${name}` });

describe('VmTable', () => {
  beforeEach(() => {
    // /api/me never answers: the menu items wait for RBAC, which is enough to test the menu.
    vi.stubGlobal('fetch', () => new Promise<Response>(() => undefined));
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('rows carry a plain menu button; one shared menu opens for the row used', () => {
    renderTable();
    expect(screen.queryByRole('menu')).toBeNull();
    expect(trigger('web-1').getAttribute('aria-haspopup')).toBe('menu');
    expect(trigger('web-1').getAttribute('aria-expanded')).toBe('false');

    fireEvent.click(trigger('web-2'));
    const menu = screen.getByRole('menu', { name: 'Actions for web-2' });
    expect(trigger('web-2').getAttribute('aria-expanded')).toBe('true');
    expect(trigger('web-2').getAttribute('aria-controls')).toBe(menu.id);
    expect(screen.getAllByRole('menuitem').map((i) => i.firstChild?.textContent)).toEqual([
      'Start',
      'Stop',
      'Restart',
      'Migrate',
      'Delete',
    ]);
    expect(document.activeElement).toBe(screen.getAllByRole('menuitem')[0]);

    // Another row's trigger moves the one menu there.
    fireEvent.click(trigger('web-1'));
    expect(screen.getAllByRole('menu')).toHaveLength(1);
    expect(screen.getByRole('menu').getAttribute('aria-label')).toBe('Actions for web-1');
  });

  it('keyboard: ArrowDown opens at the first item, ArrowUp at the last, Escape returns focus', () => {
    renderTable();
    const button = trigger('web-1');
    button.focus();
    fireEvent.keyDown(button, { key: 'ArrowDown' });
    const items = () => screen.getAllByRole('menuitem');
    expect(document.activeElement).toBe(items()[0]);
    fireEvent.keyDown(items()[0] as HTMLElement, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(items()[1]);
    fireEvent.keyDown(screen.getByRole('menu'), { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);

    fireEvent.keyDown(button, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(items()[items().length - 1]);
    fireEvent.keyDown(screen.getByRole('menu'), { key: 'Tab' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('clicking the trigger again or outside closes the menu', () => {
    renderTable();
    fireEvent.click(trigger('web-1'));
    fireEvent.mouseDown(trigger('web-1'));
    fireEvent.click(trigger('web-1'));
    expect(screen.queryByRole('menu')).toBeNull();
    fireEvent.click(trigger('web-1'));
    fireEvent.mouseDown(document.body);
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('follows its trigger while the table scrolls, and closes once the trigger is out of sight', () => {
    renderTable();
    let triggerTop = 100;
    mockBoxes(() => triggerTop);
    fireEvent.click(trigger('web-1'));
    const scroller = document.querySelector('.vm-table-scroll') as HTMLElement;
    expect(screen.getByRole('menu').style.top).toBe('130px');
    triggerTop = 40;
    fireEvent.scroll(scroller);
    expect(screen.getByRole('menu').style.top).toBe('70px');
    triggerTop = -200;
    fireEvent.scroll(scroller);
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('reuses rows by position while focus stays with its VM, and leaves once the VM is gone', () => {
    renderTable();
    const link = (name: string) => screen.getByRole('link', { name });
    const first = link('web-1');
    link('web-2').focus();
    // A VM sorted before them streams in: every VM moves down one row.
    act(() => setRows([vmRowFixture({ name: 'web-0' }), ...rows]));
    // The first row's elements now show web-0 (reused, not rebuilt)…
    expect(link('web-0')).toBe(first);
    // …and focus moved with web-2 to the row that shows it now.
    expect(document.activeElement).toBe(link('web-2'));
    expect(link('web-2').closest('tr')?.getAttribute('aria-rowindex')).toBe('4');

    // web-2 is deleted: focus leaves the table rather than stay on another VM's link.
    act(() => setRows([vmRowFixture({ name: 'web-0' }), rows[0] as VmRow]));
    expect(screen.queryByRole('link', { name: 'web-2' })).toBeNull();
    expect(document.activeElement).toBe(document.body);
  });

  it('the open menu stays with its VM when rows move, and closes when the VM is gone', () => {
    renderTable();
    // Each trigger sits in its row: 36 px per row.
    mockBoxes((el) => 36 * Number(el.closest('tr')?.getAttribute('aria-rowindex')));
    const button = trigger('web-2');
    button.focus();
    fireEvent.keyDown(button, { key: 'ArrowDown' });
    expect(screen.getByRole('menu').style.top).toBe(`${3 * 36 + 30}px`);
    act(() => setRows([vmRowFixture({ name: 'web-0' }), ...rows]));
    expect(screen.getByRole('menu').getAttribute('aria-label')).toBe('Actions for web-2');
    // It moved down one row with its VM.
    expect(screen.getByRole('menu').style.top).toBe(`${4 * 36 + 30}px`);
    expect(trigger('web-2').getAttribute('aria-expanded')).toBe('true');
    expect(trigger('web-1').getAttribute('aria-expanded')).toBe('false');
    // Escape returns focus to web-2's trigger in its new row.
    fireEvent.keyDown(screen.getByRole('menu'), { key: 'Escape' });
    expect(document.activeElement).toBe(trigger('web-2'));

    fireEvent.keyDown(trigger('web-2'), { key: 'ArrowDown' });
    expect(screen.getByRole('menu')).toBeTruthy();
    act(() => setRows([rows[0] as VmRow]));
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('name links are real hrefs; a plain click navigates in the app', async () => {
    const router = renderTable();
    const link = screen.getByRole('link', { name: 'web-1' });
    expect(link.getAttribute('href')).toBe('/projects/demo/vms/web-1/overview');
    // A modified click is the browser's (new tab): the app leaves it alone.
    let leftToBrowser = false;
    const after = (e: Event) => {
      leftToBrowser = !e.defaultPrevented;
      e.preventDefault(); // jsdom cannot open tabs
    };
    document.addEventListener('click', after);
    fireEvent.click(link, { ctrlKey: true });
    document.removeEventListener('click', after);
    expect(leftToBrowser).toBe(true);
    expect(router.state.location.pathname).toBe('/projects/demo/vms');
    fireEvent.click(link);
    await act(() => Promise.resolve());
    expect(router.state.location.pathname).toBe('/projects/demo/vms/web-1/overview');
  });
});

/**
 * jsdom has no layout: a row's "⋯" trigger is 30 px tall at `triggerTop(trigger)`, everything
 * else (the scroller, the wrapper) a 1000 × 600 box at the origin.
 */
function mockBoxes(triggerTop: (trigger: HTMLElement) => number) {
  const box = (top: number, bottom: number, left: number, right: number) =>
    ({
      top,
      bottom,
      left,
      right,
      x: left,
      y: top,
      width: right - left,
      height: bottom - top,
    }) as DOMRect;
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (
    this: HTMLElement,
  ) {
    return this.matches('button[aria-haspopup]')
      ? box(triggerTop(this), triggerTop(this) + 30, 900, 950)
      : box(0, 600, 0, 1000);
  });
}
