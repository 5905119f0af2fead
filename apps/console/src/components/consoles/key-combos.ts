import type { MessageKey } from '../../i18n/i18n.tsx';
import { KEYSYM } from './keymaps.ts';

/** A key of a combination: X11 keysym and the physical key (noVNC's `sendKey` arguments). */
export interface ComboKey {
  keysym: number;
  code: string;
}

export interface KeyCombo {
  id: string;
  label: MessageKey;
  /** Pressed in order, released in reverse order. */
  keys: readonly ComboKey[];
}

const CTRL: ComboKey = { keysym: KEYSYM.controlL, code: 'ControlLeft' };
const ALT: ComboKey = { keysym: KEYSYM.altL, code: 'AltLeft' };
const fn = (n: number): ComboKey => ({ keysym: KEYSYM.f1 + n - 1, code: `F${n}` });

/**
 * Combinations the local OS would otherwise swallow. Ctrl+Alt+Del goes through noVNC's own
 * `sendCtrlAltDel()`; the rest through {@link sendCombo}.
 */
export const KEY_COMBOS: readonly KeyCombo[] = [
  { id: 'ctrl-alt-f1', label: 'consoles.vnc.combo.ctrlAltF1', keys: [CTRL, ALT, fn(1)] },
  { id: 'ctrl-alt-f2', label: 'consoles.vnc.combo.ctrlAltF2', keys: [CTRL, ALT, fn(2)] },
  { id: 'ctrl-alt-f7', label: 'consoles.vnc.combo.ctrlAltF7', keys: [CTRL, ALT, fn(7)] },
  {
    id: 'alt-tab',
    label: 'consoles.vnc.combo.altTab',
    keys: [ALT, { keysym: KEYSYM.tab, code: 'Tab' }],
  },
  {
    id: 'super',
    label: 'consoles.vnc.combo.super',
    keys: [{ keysym: KEYSYM.superL, code: 'MetaLeft' }],
  },
  {
    id: 'escape',
    label: 'consoles.vnc.combo.escape',
    keys: [{ keysym: KEYSYM.escape, code: 'Escape' }],
  },
];

/** Presses every key of a combination, then releases them in reverse order. */
export function sendCombo(
  sendKey: (keysym: number, code: string, down: boolean) => void,
  keys: readonly ComboKey[],
): void {
  for (const k of keys) sendKey(k.keysym, k.code, true);
  for (const k of [...keys].reverse()) sendKey(k.keysym, k.code, false);
}
