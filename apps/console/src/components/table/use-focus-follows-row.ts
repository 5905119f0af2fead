import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';

/** A row that shows an object: `<tr data-uid="…">`. */
const ROW = 'tr[data-uid]';

/** Where the focused element sits in its row: child indexes from the `<tr>` down. */
type Path = number[];

/**
 * Keeps keyboard focus with the object, not the row position, in a table whose rows are keyed by
 * position (a scroll frame then reuses the rows' elements for the objects that scrolled in,
 * updating text and attributes, instead of building new rows).
 *
 * Without this, focus would stay at a position while its object moves on. After every commit,
 * if the focused element's row now shows another object, focus moves to the same control in the
 * row that shows the focused object; when that object is no longer rendered, focus leaves the
 * table, as it would if its row had unmounted. Rows must be structurally alike (one row
 * component), so a child-index path finds the same control in another row.
 */
export function useFocusFollowsRow(containerRef: RefObject<HTMLElement | null>): void {
  const focused = useRef<{ uid: string; path: Path } | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const onFocusIn = (e: FocusEvent) => {
      const target = e.target as HTMLElement;
      const row = target.closest<HTMLElement>(ROW);
      const uid = row?.dataset.uid;
      focused.current =
        row && uid && container.contains(row) ? { uid, path: pathOf(row, target) } : null;
    };
    container.addEventListener('focusin', onFocusIn);
    return () => container.removeEventListener('focusin', onFocusIn);
  }, [containerRef]);

  // After every commit (cheap: returns at once unless focus is in a row whose object changed).
  useLayoutEffect(() => {
    const f = focused.current;
    const container = containerRef.current;
    const active = document.activeElement;
    if (!f || !container || !(active instanceof HTMLElement) || !container.contains(active)) return;
    const row = active.closest<HTMLElement>(ROW);
    if (!row || row.dataset.uid === f.uid) return;
    const home = [...container.querySelectorAll<HTMLElement>(ROW)].find(
      (r) => r.dataset.uid === f.uid,
    );
    const next = home ? elementAt(home, f.path) : null;
    if (next) next.focus({ preventScroll: true });
    else active.blur();
  });
}

function pathOf(row: HTMLElement, el: HTMLElement): Path {
  const path: Path = [];
  for (let n: Element = el; n !== row && n.parentElement; n = n.parentElement)
    path.unshift(Array.prototype.indexOf.call(n.parentElement.children, n));
  return path;
}

function elementAt(row: HTMLElement, path: Path): HTMLElement | null {
  let n: Element | undefined = row;
  for (const i of path) n = n?.children[i];
  return n instanceof HTMLElement ? n : null;
}
