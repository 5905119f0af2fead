import { useSyncExternalStore } from 'react';

export interface Toast {
  id: number;
  tone: 'success' | 'error' | 'info';
  text: string;
}

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => {
  for (const l of listeners) l();
};

/** Shows a toast for a few seconds (errors stay until dismissed). */
export function toast(tone: Toast['tone'], text: string): void {
  const t = { id: nextId++, tone, text };
  toasts = [...toasts, t].slice(-5);
  emit();
  if (tone !== 'error') setTimeout(() => dismissToast(t.id), 6000);
}

export function dismissToast(id: number): void {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

export function useToasts(): Toast[] {
  return useSyncExternalStore(
    (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    () => toasts,
  );
}
