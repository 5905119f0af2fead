import type { ITheme } from '@xterm/xterm';

/** The terminal's colours from the console's CSS variables (consoles.css; light and dark). */
export function terminalTheme(el: Element): ITheme {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    background: v('--console-bg', '#0d1117'),
    foreground: v('--console-fg', '#e6edf3'),
    cursor: v('--console-cursor', '#e6edf3'),
    selectionBackground: v('--console-selection', '#3b5070'),
  };
}
