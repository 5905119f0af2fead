import type { VmRow } from '@dvp/api';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { useNavigate } from 'react-router';
import { basePath } from '../../../api/base-path.ts';
import { paths } from '../../../app/paths.ts';
import {
  useVmActionRights,
  useVmDialogParam,
  VmDialog,
} from '../../../components/vm/VmActionsMenu.tsx';
import { useFocusFollowsRow } from '../../../components/table/use-focus-follows-row.ts';
import { anchorFor, VmRowMenu, type VmRowMenuAnchor } from '../../../components/vm/VmRowMenu.tsx';
import { useI18n } from '../../../i18n/i18n.tsx';
import { parseSort } from './use-list-params.ts';
import { VmTableHead } from './VmTableHead.tsx';
import { ROW_LINK, ROW_MENU, VmTableRow } from './VmTableRow.tsx';

/** Fixed row height (px): the virtualizer never measures, so scrolling does no layout reads. */
export const ROW_HEIGHT = 36;
const estimateSize = () => ROW_HEIGHT;
/**
 * Rows rendered beyond the viewport on each side: at rest, ready for the next scroll; while
 * scrolling, a few (a fast scroll jumps past any overscan, and every rendered row costs layout and
 * paint in the frame).
 */
const OVERSCAN_IDLE = 8;
const OVERSCAN_SCROLLING = 2;
/** Ask for the next page this many rows before the end of the loaded ones. */
const PREFETCH_ROWS = 48;

export interface VmTableProps {
  project: string;
  rows: VmRow[];
  total: number;
  sort: string;
  onSort: (sort: string) => void;
  selected: ReadonlySet<string>;
  onSelect: (uid: string, on: boolean) => void;
  onSelectAll: (on: boolean) => void;
  /** Called when the user scrolls near the end of the loaded rows. */
  onNearEnd: () => void;
}

/**
 * The VM table: a real `<table>` whose tbody is virtualized with spacer rows, so at most the
 * viewport plus overscan (< 150 rows) is in the DOM at 10,000 VMs. `aria-rowcount`/`aria-rowindex`
 * tell assistive tech the full size; ArrowUp/ArrowDown move focus between rows (scrolling them
 * into view).
 *
 * Rows are keyed by their position in the rendered window, not by VM: a fast scroll brings ~25
 * new VMs into view per frame, and reusing the rows' elements (React updates their text and
 * attributes) instead of building new ones halves the frame's style, layout and script work
 * (`e2e/bench/vm-list.bench.ts`). Rows carry `data-uid`; focus follows its VM
 * (`useFocusFollowsRow`) and the one row menu finds its trigger by uid. Rows are plain elements
 * without state: the name link is an `<a href>` and the "⋯" trigger a `<button>` whose clicks the
 * table handles (one listener), and one shared menu opens for the row whose trigger was used.
 */
export function VmTable(props: VmTableProps) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const { project, rows, total, selected } = props;
  // RBAC once for the table, not three cache subscriptions per row mounted while scrolling.
  const rights = useVmActionRights(project);
  const base = useMemo(() => basePath(), []);
  const scrollRef = useRef<HTMLDivElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const [menu, setMenu] = useState<VmRowMenuAnchor | null>(null);
  const dialog = useVmDialogParam();
  useFocusFollowsRow(scrollRef);

  // The virtualizer tracks the scroll and the visible range; rows have one fixed height, so
  // offsets are index × ROW_HEIGHT and the overscan is ours (smaller while scrolling).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    overscan: 0,
  });
  const visible = virtualizer.getVirtualItems();
  const pad = virtualizer.isScrolling ? OVERSCAN_SCROLLING : OVERSCAN_IDLE;
  const from = Math.max(0, (visible[0]?.index ?? 0) - pad);
  const to = Math.min(rows.length, (visible[visible.length - 1]?.index ?? -1) + 1 + pad);
  const { onNearEnd } = props;
  useEffect(() => {
    if (rows.length > 0 && to >= rows.length - PREFETCH_ROWS) onNearEnd();
  }, [to, rows.length, onNearEnd]);

  const padTop = from * ROW_HEIGHT;
  const padBottom = (rows.length - to) * ROW_HEIGHT;
  const { key: sortKey, desc } = parseSort(props.sort);
  const allSelected = useMemo(
    () => rows.length > 0 && rows.every((r) => selected.has(r.uid)),
    [rows, selected],
  );
  const menuVm = useMemo(
    () => (menu ? rows.find((r) => r.uid === menu.uid) : undefined),
    [menu, rows],
  );
  const dialogName = dialog.current?.name;
  const dialogVm = useMemo(
    () => (dialogName ? rows.find((r) => r.name === dialogName) : undefined),
    [dialogName, rows],
  );

  const closeMenu = (refocus: boolean) => {
    const trigger = menu && scrollRef.current ? triggerOf(scrollRef.current, menu.uid) : null;
    if (refocus) trigger?.focus();
    setMenu(null);
  };
  // The menu follows its VM's trigger while the table scrolls (clicking a trigger scrolls it
  // into view, and that scroll event may come after the menu opened) and when rows move (rows
  // are reused by position, so the trigger is looked up by uid); it closes once the trigger is
  // scrolled out of sight or its VM is no longer rendered.
  const menuOpen = menu !== null;
  useEffect(() => {
    const el = scrollRef.current;
    const wrap = wrapRef.current;
    if (!menuOpen || !el || !wrap) return;
    const onScroll = () => setMenu((m) => m && reanchor(m, el, wrap));
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, [menuOpen]);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const wrap = wrapRef.current;
    if (!menu || !el || !wrap || triggerOf(el, menu.uid) === menu.trigger) return;
    setMenu(reanchor(menu, el, wrap));
  }, [menu, from, rows]);

  const rowOf = (el: Element): VmRow | undefined => {
    const tr = el.closest<HTMLElement>('tr[data-index]');
    return tr ? rows[Number(tr.dataset.index)] : undefined;
  };
  const openMenu = (trigger: HTMLElement, focus: 'first' | 'last', toggle: boolean) => {
    const row = rowOf(trigger);
    const wrap = wrapRef.current;
    if (!row || !wrap) return;
    if (toggle && menu?.uid === row.uid) closeMenu(true);
    else setMenu(anchorFor(row.uid, trigger, wrap, focus));
  };

  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const target = e.target as Element;
    const trigger = target.closest<HTMLElement>(ROW_MENU);
    if (trigger) {
      openMenu(trigger, 'first', true);
      return;
    }
    const link = target.closest(ROW_LINK);
    const plain = e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey;
    const row = link && plain ? rowOf(link) : undefined;
    if (row) {
      e.preventDefault();
      void navigate(paths.vm(project, row.name));
    }
  };

  /** ArrowUp/Down: on a "⋯" trigger open its menu; elsewhere move to the neighbouring row. */
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const target = e.target as HTMLElement;
    const tr = target.closest<HTMLElement>('tbody tr[data-index]');
    if (!tr) return;
    e.preventDefault();
    const trigger = target.closest<HTMLElement>(ROW_MENU);
    if (trigger) {
      openMenu(trigger, e.key === 'ArrowUp' ? 'last' : 'first', false);
      return;
    }
    const index = Number(tr.dataset.index) + (e.key === 'ArrowDown' ? 1 : -1);
    if (index < 0 || index >= rows.length) return;
    const col = target.closest('td')?.cellIndex ?? 1;
    virtualizer.scrollToIndex(index, { align: 'auto' });
    requestAnimationFrame(() => {
      const next = scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${index}"]`);
      const cell = next?.querySelector<HTMLElement>(`td:nth-child(${col + 1})`);
      cell?.querySelector<HTMLElement>('a, button, input')?.focus();
    });
  };

  return (
    <div ref={wrapRef} className="vm-table-wrap">
      {/* Clicks and keys are delegated here from the rows' links, triggers and cells. */}
      {/* eslint-disable-next-line jsx-a11y/no-static-element-interactions */}
      <div ref={scrollRef} className="vm-table-scroll" onClick={onClick} onKeyDown={onKeyDown}>
        <table
          className="table vm-table"
          aria-rowcount={total + 1}
          aria-label={t('vm-list.table', { project })}
        >
          <VmTableHead
            sortKey={sortKey}
            desc={desc}
            allSelected={allSelected}
            onSort={props.onSort}
            onSelectAll={props.onSelectAll}
            t={t}
          />
          <tbody>
            {padTop > 0 ? (
              <tr aria-hidden="true" className="vm-spacer" style={{ height: padTop }} />
            ) : null}
            {rows.slice(from, to).map((row, i) => (
              <VmTableRow
                key={i}
                index={from + i}
                row={row}
                project={project}
                base={base}
                checked={selected.has(row.uid)}
                menuOpen={menu?.uid === row.uid}
                menuId={menuId}
                onSelect={props.onSelect}
                t={t}
                locale={locale}
              />
            ))}
            {padBottom > 0 ? (
              <tr aria-hidden="true" className="vm-spacer" style={{ height: padBottom }} />
            ) : null}
          </tbody>
        </table>
      </div>
      {menu && menuVm ? (
        <VmRowMenu
          key={menu.uid}
          id={menuId}
          vm={menuVm}
          rights={rights}
          anchor={menu}
          onClose={closeMenu}
          onDialog={dialog.open}
        />
      ) : null}
      {dialog.current && dialogVm ? (
        <VmDialog kind={dialog.current.kind} vm={dialogVm} onClose={dialog.close} />
      ) : null}
    </div>
  );
}

/** The "⋯" trigger of the rendered row showing VM `uid`. */
function triggerOf(scroller: HTMLElement, uid: string): HTMLElement | null {
  const row = [...scroller.querySelectorAll<HTMLElement>('tbody tr[data-uid]')].find(
    (r) => r.dataset.uid === uid,
  );
  return row?.querySelector<HTMLElement>(ROW_MENU) ?? null;
}

/** The menu placed at its VM's trigger, or null when that trigger is out of sight or gone. */
function reanchor(
  m: VmRowMenuAnchor,
  scroller: HTMLElement,
  wrap: HTMLElement,
): VmRowMenuAnchor | null {
  const trigger = triggerOf(scroller, m.uid);
  return trigger && inView(trigger, scroller) ? anchorFor(m.uid, trigger, wrap, m.focus) : null;
}

/** Whether `el` is in the DOM and (at least partly) inside the scroller's box. */
function inView(el: HTMLElement, scroller: HTMLElement): boolean {
  if (!el.isConnected) return false;
  const r = el.getBoundingClientRect();
  const s = scroller.getBoundingClientRect();
  return r.bottom > s.top && r.top < s.bottom && r.right > s.left && r.left < s.right;
}
