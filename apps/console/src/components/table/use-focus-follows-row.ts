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
 * After every commit:
 * - if the focused element's row now shows another object, focus moves to the same control in
 *   the row that shows the focused object, or leaves the table when that object is no longer
 *   rendered (as it would if its row had unmounted);
 * - if the focused element itself was unmounted (a cell mounted afresh per object, such as a row
 *   menu), focus goes to the same control in its object's row, when rendered.
 *
 * Rows must be structurally alike (one row component), so a child-index path finds the same
 * control in another row.
 */
export function useFocusFollowsRow(containerRef: RefObject<HTMLElement | null>): void {
  const focused = useRef<{ uid: string; path: Path; element: HTMLElement } | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const onFocusIn = (e: FocusEvent) => {
      const target = e.target as HTMLElement;
      const row = target.closest<HTMLElement>(ROW);
      const uid = row?.dataset.uid;
      focused.current =
        row && uid && container.contains(row)
          ? { uid, path: pathOf(row, target), element: target }
          : null;
    };
    // The user moved focus elsewhere (the element is still there): forget it. Checked after the
    // event, so an element that lost focus because it was unmounted is not mistaken for that.
    const onFocusOut = () =>
      queueMicrotask(() => {
        const f = focused.current;
        if (f?.element.isConnected && !container.contains(document.activeElement))
          focused.current = null;
      });
    container.addEventListener('focusin', onFocusIn);
    container.addEventListener('focusout', onFocusOut);
    return () => {
      container.removeEventListener('focusin', onFocusIn);
      container.removeEventListener('focusout', onFocusOut);
    };
  }, [containerRef]);

  // After every commit (cheap: returns at once unless the focused row's object changed).
  useLayoutEffect(() => {
    const f = focused.current;
    const container = containerRef.current;
    if (!f || !container) return;
    const active = document.activeElement;
    const inside = active instanceof HTMLElement && container.contains(active);
    if (inside) {
      if (active.closest<HTMLElement>(ROW)?.dataset.uid === f.uid) return;
    } else if (f.element.isConnected) return;
    const home = [...container.querySelectorAll<HTMLElement>(ROW)].find(
      (r) => r.dataset.uid === f.uid,
    );
    const next = home ? elementAt(home, f.path) : null;
    if (next) next.focus({ preventScroll: true });
    else if (inside) active.blur();
    else focused.current = null;
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
