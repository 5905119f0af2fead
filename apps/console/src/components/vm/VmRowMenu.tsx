import type { VmRow } from '@dvp/api';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import type { MenuItem } from '../../ui/Menu.tsx';
import { vmMenuItems, type VmActionRights, type VmDialogKind } from './VmActionsMenu.tsx';

/** Where the shared row menu opens: below (or above) its row's trigger, in the list's wrapper. */
export interface VmRowMenuAnchor {
  uid: string;
  /** The row's "⋯" button: focus returns to it when the menu closes from the keyboard. */
  trigger: HTMLElement;
  /** Which item gets focus first (ArrowUp on the trigger opens at the last one). */
  focus: 'first' | 'last';
  style: { top?: number; bottom?: number; right: number };
}

/** How far below its trigger a menu may open before it opens above instead (px). */
const MENU_HEIGHT = 260;

/**
 * Places the menu for `trigger` inside `wrap` (the positioned element around the table): under
 * the trigger, or above it when the viewport has no room below.
 */
export function anchorFor(
  uid: string,
  trigger: HTMLElement,
  wrap: HTMLElement,
  focus: 'first' | 'last',
): VmRowMenuAnchor {
  const a = trigger.getBoundingClientRect();
  const w = wrap.getBoundingClientRect();
  const right = w.right - a.right;
  const below = a.bottom + MENU_HEIGHT <= window.innerHeight || a.top < MENU_HEIGHT;
  return {
    uid,
    trigger,
    focus,
    style: below ? { top: a.bottom - w.top, right } : { bottom: w.bottom - a.top, right },
  };
}

/**
 * The one "⋯" menu of a VM list: rows carry only a plain trigger button, and the table mounts
 * this menu for the row whose trigger was used (a menu per row cost every scroll frame hooks and
 * listeners for ~25 new rows). Same keyboard model as `ui/Menu`: arrows, Home/End, Enter/Space
 * select, Escape/Tab close and return focus to the trigger; disabled items keep their reason.
 */
export function VmRowMenu({
  id,
  vm,
  rights,
  anchor,
  onClose,
  onDialog,
}: {
  id: string;
  vm: VmRow;
  rights: VmActionRights;
  anchor: VmRowMenuAnchor;
  /** `refocus`: move focus back to the trigger (keyboard close or a chosen item). */
  onClose: (refocus: boolean) => void;
  onDialog: (kind: VmDialogKind, name: string) => void;
}) {
  const t = useT();
  const items: MenuItem[] = vmMenuItems(t, vm, rights, (kind) => onDialog(kind, vm.name));
  const [active, setActive] = useState(anchor.focus === 'last' ? items.length - 1 : 0);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    listRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[active]?.focus();
  }, [active]);

  useEffect(() => {
    const onDoc = (e: MouseEvent) => {
      const target = e.target as Node;
      // The trigger toggles the menu itself (its click closes it).
      if (listRef.current?.contains(target) || anchor.trigger.contains(target)) return;
      onClose(false);
    };
    document.addEventListener('mousedown', onDoc);
    return () => document.removeEventListener('mousedown', onDoc);
  }, [anchor.trigger, onClose]);

  const choose = (item: MenuItem) => {
    if (item.disabledReason) return;
    onClose(true);
    item.onSelect();
  };

  return (
    <ul
      ref={listRef}
      id={id}
      role="menu"
      aria-label={t('vm-list.menu', { name: vm.name })}
      className="menu-list vm-row-menu"
      style={anchor.style}
      onKeyDown={(e) => {
        const n = items.length;
        if (e.key === 'Escape' || e.key === 'Tab') {
          e.preventDefault();
          onClose(true);
        } else if (e.key === 'ArrowDown') {
          e.preventDefault();
          setActive((a) => (a + 1) % n);
        } else if (e.key === 'ArrowUp') {
          e.preventDefault();
          setActive((a) => (a - 1 + n) % n);
        } else if (e.key === 'Home') {
          e.preventDefault();
          setActive(0);
        } else if (e.key === 'End') {
          e.preventDefault();
          setActive(n - 1);
        }
      }}
    >
      {items.map((item) => (
        <li
          key={item.id}
          role="menuitem"
          tabIndex={-1}
          aria-disabled={item.disabledReason ? true : undefined}
          title={item.disabledReason}
          className={`menu-item${item.danger ? ' danger' : ''}`}
          onClick={() => choose(item)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              choose(item);
            }
          }}
        >
          <span>{item.label}</span>
          {item.disabledReason ? (
            <small className="menu-reason">{item.disabledReason}</small>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
