import { useCallback, useEffect, useRef } from 'react';

/**
 * A ref for the field that takes the focus when a dialog opens. The native `<dialog>` focuses its
 * first control in `showModal()`, which runs in the Dialog's effect after its children mounted, so
 * the focus moves on the next frame, once the dialog is open.
 */
export function useInitialFocus<T extends HTMLElement>(enabled = true): (el: T | null) => void {
  const el = useRef<T | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const id = requestAnimationFrame(() => el.current?.focus());
    return () => cancelAnimationFrame(id);
  }, [enabled]);
  return useCallback((node: T | null) => {
    el.current = node;
  }, []);
}
