import { act, cleanup, render, screen } from '@testing-library/react';
import { useEffect, useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VirtualTable, type Column } from './VirtualTable.tsx';

interface Obj {
  uid: string;
  name: string;
}

/** A cell with state of its own: counts its mounts, shows which object it was mounted for. */
let mounts = 0;
function Stateful({ name }: { name: string }) {
  const [first] = useState(name);
  useEffect(() => {
    mounts += 1;
  }, []);
  return <button type="button">{`menu of ${first}`}</button>;
}

const columns: Column<Obj>[] = [
  { id: 'name', label: 'Name', cell: (o) => <a href={`#${o.name}`}>{o.name}</a> },
  { id: 'actions', label: 'Actions', ownState: true, cell: (o) => <Stateful name={o.name} /> },
];
const obj = (name: string): Obj => ({ uid: `uid-${name}`, name });

let setRows: (rows: Obj[]) => void = () => undefined;
function Table({ initial }: { initial: Obj[] }) {
  const [rows, set] = useState(initial);
  useEffect(() => {
    setRows = set;
  }, []);
  return (
    <VirtualTable
      label="Things"
      rows={rows}
      total={rows.length}
      columns={columns}
      rowKey={(o) => o.uid}
    />
  );
}

describe('VirtualTable', () => {
  beforeEach(() => {
    // jsdom has no layout: the scroller is 1000 × 600 px, so the virtualizer renders rows.
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1000);
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
    mounts = 0;
  });

  it('reuses rows by position; ownState cells are mounted per object; focus follows its object', () => {
    render(<Table initial={[obj('a'), obj('b')]} />);
    const link = (name: string) => screen.getByRole('link', { name });
    const first = link('a');
    expect(mounts).toBe(2);
    link('b').focus();

    // An object sorted before them arrives: every object moves down one row.
    act(() => setRows([obj('0'), obj('a'), obj('b')]));
    expect(link('0')).toBe(first);
    expect(link('0').closest('tr')?.dataset.uid).toBe('uid-0');
    // The stateful cells were mounted afresh for the objects whose row changed (not carried over).
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual([
      'menu of 0',
      'menu of a',
      'menu of b',
    ]);
    expect(mounts).toBe(5);
    expect(document.activeElement).toBe(link('b'));

    act(() => setRows([obj('0'), obj('a')]));
    expect(document.activeElement).toBe(document.body);
  });

  it('focus on a cell mounted per object (a row menu) follows its object; focus moved away stays away', async () => {
    render(<Table initial={[obj('a'), obj('b')]} />);
    const menu = (name: string) => screen.getByRole('button', { name: `menu of ${name}` });
    menu('b').focus();
    act(() => setRows([obj('0'), obj('a'), obj('b')]));
    expect(document.activeElement).toBe(menu('b'));

    // The user leaves the table; later moves do not pull focus back.
    menu('b').blur();
    await act(() => Promise.resolve());
    act(() => setRows([obj('-'), obj('0'), obj('a'), obj('b')]));
    expect(document.activeElement).toBe(document.body);
  });
});
