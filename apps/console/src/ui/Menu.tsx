import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

export interface MenuItem {
  id: string;
  label: string;
  onSelect: () => void;
  /** Disabled with a reason shown beside the item. */
  disabledReason?: string | undefined;
  danger?: boolean;
}

/**
 * A menu button (WAI-ARIA menu pattern): Enter/Space/ArrowDown opens, arrows move, Escape closes
 * and returns focus, disabled items stay in the list with their reason.
 */
export function Menu({
  label,
  items,
  trigger,
  className,
}: {
  /** Accessible name of the trigger. */
  label: string;
  items: MenuItem[];
  trigger: ReactNode;
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    const el = listRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[active];
    el?.focus();
  }, [open, active]);

  useEffect(() => {
    if (!open) return;
    const onDoc = (e: MouseEvent) => {
      if (!listRef.current?.contains(e.target as Node) && e.target !== buttonRef.current)
        setOpen(false);
    };
    document.addEventListener('mousedown', onDoc);
    return () => document.removeEventListener('mousedown', onDoc);
  }, [open]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  return (
    <div className={`menu${className ? ` ${className}` : ''}`}>
      <button
        ref={buttonRef}
        type="button"
        className="btn btn-ghost btn-sm"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => {
          setActive(0);
          setOpen((o) => !o);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive(0);
            setOpen(true);
          }
        }}
      >
        {trigger}
      </button>
      {open ? (
        <ul
          ref={listRef}
          id={menuId}
          role="menu"
          aria-label={label}
          className="menu-list"
          onKeyDown={(e) => {
            if (e.key === 'Escape' || e.key === 'Tab') {
              e.preventDefault();
              close();
            } else if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((a) => (a + 1) % items.length);
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => (a - 1 + items.length) % items.length);
            } else if (e.key === 'Home') setActive(0);
            else if (e.key === 'End') setActive(items.length - 1);
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
              onClick={() => {
                if (item.disabledReason) return;
                close();
                item.onSelect();
              }}
              onKeyDown={(e) => {
                if ((e.key === 'Enter' || e.key === ' ') && !item.disabledReason) {
                  e.preventDefault();
                  close();
                  item.onSelect();
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
      ) : null}
    </div>
  );
}
