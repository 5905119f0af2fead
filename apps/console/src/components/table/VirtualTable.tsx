import { useVirtualizer } from '@tanstack/react-virtual';
import { Fragment, memo, useEffect, useRef, type ReactNode } from 'react';
import { useFocusFollowsRow } from './use-focus-follows-row.ts';
import './virtual-table.css';

/** Fixed row height (px): the virtualizer never measures, so scrolling does no layout reads. */
export const ROW_HEIGHT = 36;
const estimateSize = () => ROW_HEIGHT;
/** Rows rendered beyond the viewport on each side. */
const OVERSCAN = 12;

/** One column: its header (already translated), an optional server sort key, and its cell. */
export interface Column<T> {
  id: string;
  label: string;
  /** The server's sort key for this column (`ListQuery.sort`); absent = not sortable. */
  sort?: string;
  /** A CSS width for the column (`table-layout: fixed` takes widths from the header). */
  width?: string;
  /** Hide the header text visually (e.g. an actions column); it stays for screen readers. */
  hiddenLabel?: boolean;
  /** The cell's content. Must only depend on `row` (rows are memoized by identity). */
  cell: (row: T) => ReactNode;
  /**
   * The content holds state of its own (a row menu that may be open, a dialog): it is mounted
   * afresh for each object. Other cells are reused by position while scrolling (updated with
   * the object that scrolled in), so their content must not keep state tied to one object.
   */
  ownState?: boolean;
}

export interface RowSelection<T> {
  selected: ReadonlySet<string>;
  onSelect: (key: string, on: boolean) => void;
  onSelectAll: (on: boolean) => void;
  /** Accessible name of a row's checkbox ("Select disk-1"). */
  rowLabel: (row: T) => string;
  /** Accessible name of the header's checkbox. */
  allLabel: string;
}

export interface VirtualTableProps<T> {
  /** The table's accessible name. */
  label: string;
  rows: T[];
  /** Matching rows on the server (all pages), for `aria-rowcount`. */
  total: number;
  /** Stable (memoize it): a new array re-renders every row. */
  columns: Column<T>[];
  rowKey: (row: T) => string;
  /** The current sort (`name`, `-age`, …) and how to change it. */
  sort?: string;
  onSort?: (sort: string) => void;
  selection?: RowSelection<T>;
  /** Called when the user scrolls near the end of the loaded rows (load the next page). */
  onNearEnd?: () => void;
}

export function parseSortParam(sort: string | undefined): { key: string; desc: boolean } {
  const s = sort ?? 'name';
  return { key: s.replace(/^-/, ''), desc: s.startsWith('-') };
}

/**
 * A real `<table>` whose tbody is virtualized with spacer rows: at most the viewport plus
 * overscan (< 150 rows) is in the DOM at 10,000 objects. `aria-rowcount`/`aria-rowindex` tell
 * assistive tech the full size; ArrowUp/ArrowDown move focus to the same control in the
 * neighbouring row.
 *
 * Rows are keyed by their position in the rendered window (as the VM list's): a scroll frame
 * updates the existing rows with the objects that scrolled in instead of building new ones.
 * Rows carry `data-uid` (`rowKey`), focus follows its object (`useFocusFollowsRow`), and cells
 * marked `ownState` (row menus) are mounted afresh per object.
 */
export function VirtualTable<T>(props: VirtualTableProps<T>) {
  const { rows, total, columns, rowKey, selection, onNearEnd } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  useFocusFollowsRow(scrollRef);
  // Rows have one fixed height, so the virtualizer's items are keyed by index (its default): a
  // key per object would make it recompute every offset whenever a page or an update arrives.
  // The virtualizer returns fresh values on every scroll; the compiler must not memoize it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    overscan: OVERSCAN,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (onNearEnd && rows.length > 0 && lastIndex >= rows.length - OVERSCAN * 4) onNearEnd();
  }, [lastIndex, rows.length, onNearEnd]);

  const rowCount = rows.length;
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
      const target = e.target as HTMLElement;
      if (!target.closest('tbody') || target.closest('[role="menu"]')) return;
      if (target instanceof HTMLSelectElement) return;
      const tr = target.closest<HTMLElement>('tr[data-index]');
      if (!tr) return;
      e.preventDefault();
      const index = Number(tr.dataset.index) + (e.key === 'ArrowDown' ? 1 : -1);
      if (index < 0 || index >= rowCount) return;
      const col = target.closest('td')?.cellIndex ?? 0;
      virtualizer.scrollToIndex(index, { align: 'auto' });
      requestAnimationFrame(() => {
        const next = scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${index}"]`);
        const cell = next?.querySelector<HTMLElement>(`td:nth-child(${col + 1})`);
        cell?.querySelector<HTMLElement>('a, button, input')?.focus();
      });
    };
    el.addEventListener('keydown', onKeyDown);
    return () => el.removeEventListener('keydown', onKeyDown);
  }, [rowCount, virtualizer]);

  const padTop = items[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  const { key: sortKey, desc } = parseSortParam(props.sort);
  const allSelected =
    !!selection && rows.length > 0 && rows.every((r) => selection.selected.has(rowKey(r)));

  return (
    <div ref={scrollRef} className="vt-scroll">
      <table className="table vt-table" aria-rowcount={total + 1} aria-label={props.label}>
        <thead>
          <tr aria-rowindex={1}>
            {selection ? (
              <th scope="col" className="vt-col-select">
                <input
                  type="checkbox"
                  aria-label={selection.allLabel}
                  checked={allSelected}
                  onChange={(e) => selection.onSelectAll(e.target.checked)}
                />
              </th>
            ) : null}
            {columns.map((c) => {
              const active = !!c.sort && c.sort === sortKey;
              return (
                <th
                  key={c.id}
                  scope="col"
                  style={c.width ? { width: c.width } : undefined}
                  aria-sort={active ? (desc ? 'descending' : 'ascending') : undefined}
                >
                  {c.sort && props.onSort ? (
                    <button
                      type="button"
                      className="vt-sort"
                      onClick={() =>
                        props.onSort?.(active && !desc ? `-${c.sort}` : (c.sort ?? ''))
                      }
                    >
                      {c.label}
                      <span aria-hidden="true">{active ? (desc ? ' ▼' : ' ▲') : ''}</span>
                    </button>
                  ) : c.hiddenLabel ? (
                    <span className="visually-hidden">{c.label}</span>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {padTop > 0 ? (
            <tr aria-hidden="true" className="vt-spacer" style={{ height: padTop }} />
          ) : null}
          {items.map((v, slot) => {
            const row = rows[v.index];
            if (row === undefined) return null;
            const key = rowKey(row);
            return (
              <VirtualRow
                key={slot}
                rowKey={key}
                index={v.index}
                row={row}
                columns={columns as Column<unknown>[]}
                selection={selection as RowSelection<unknown> | undefined}
                checked={selection?.selected.has(key) ?? false}
              />
            );
          })}
          {padBottom > 0 ? (
            <tr aria-hidden="true" className="vt-spacer" style={{ height: padBottom }} />
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

/** One row; memoized so a streamed update re-renders only the row whose object changed. */
const VirtualRow = memo(function VirtualRow({
  rowKey,
  index,
  row,
  columns,
  selection,
  checked,
}: {
  rowKey: string;
  index: number;
  row: unknown;
  columns: Column<unknown>[];
  selection: RowSelection<unknown> | undefined;
  checked: boolean;
}) {
  return (
    <tr data-index={index} data-uid={rowKey} aria-rowindex={index + 2}>
      {selection ? (
        <td className="vt-col-select">
          <input
            type="checkbox"
            aria-label={selection.rowLabel(row)}
            checked={checked}
            onChange={(e) => selection.onSelect(rowKey, e.target.checked)}
          />
        </td>
      ) : null}
      {columns.map((c) => (
        <td key={c.id}>
          {c.ownState ? <Fragment key={rowKey}>{c.cell(row)}</Fragment> : c.cell(row)}
        </td>
      ))}
    </tr>
  );
});
