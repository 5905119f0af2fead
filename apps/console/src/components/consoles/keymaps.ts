/**
 * "Paste as keystrokes" for VNC: a character becomes the key presses a user of the guest's
 * keyboard layout would make. noVNC sends each press as an X11 keysym plus the physical key
 * (`KeyboardEvent.code`); QEMU's extended key events deliver the scancode of that physical key to
 * the guest, whose own layout turns it into a character. So for each layout we map
 * character → (physical key, Shift?) and the keysym of the character.
 *
 * Mapping tables (physical key: unshifted / shifted character):
 *
 * | Key          | English (US) | Russian (ЙЦУКЕН) |
 * |--------------|--------------|------------------|
 * | Backquote    | ` ~          | ё Ё              |
 * | Digit1…0     | 1 ! 2 @ 3 # 4 $ 5 % 6 ^ 7 & 8 * 9 ( 0 ) | 1 ! 2 " 3 № 4 ; 5 % 6 : 7 ? 8 * 9 ( 0 ) |
 * | Minus, Equal | - _ = +      | - _ = +          |
 * | KeyQ…KeyP    | q w e r t y u i o p | й ц у к е н г ш щ з |
 * | BracketL/R   | [ { ] }      | х Х ъ Ъ          |
 * | Backslash    | \ \|         | \ /              |
 * | KeyA…KeyL    | a s d f g h j k l | ф ы в а п р о л д |
 * | Semicolon    | ; :          | ж Ж              |
 * | Quote        | ' "          | э Э              |
 * | KeyZ…KeyM    | z x c v b n m | я ч с м и т ь   |
 * | Comma/Period | , < . >      | б Б ю Ю          |
 * | Slash        | / ?          | . ,              |
 *
 * Keysyms: Latin-1 characters are their code point; Cyrillic letters are X11's `Cyrillic_*`
 * (0x6c0–0x6df lower case, +0x20 upper case, ё 0x6a3, Ё 0x6b3), № is `numerosign` 0x6b0.
 * Space, Enter (newline) and Tab are the same key in both layouts.
 */

export type LayoutId = 'us' | 'ru';
export const LAYOUTS: readonly LayoutId[] = ['us', 'ru'];

/** One key press (down then up), with Shift held around it when `shift`. */
export interface Keystroke {
  keysym: number;
  code: string;
  shift: boolean;
}

export const KEYSYM = {
  shiftL: 0xffe1,
  controlL: 0xffe3,
  altL: 0xffe9,
  superL: 0xffeb,
  tab: 0xff09,
  returnKey: 0xff0d,
  backspace: 0xff08,
  escape: 0xff1b,
  delete: 0xffff,
  /** F1; F(n) is F1 + n - 1. */
  f1: 0xffbe,
} as const;

/** Physical keys of the main block in row order (the order of the strings below). */
const ROWS: readonly (readonly string[])[] = [
  [
    'Backquote',
    'Digit1',
    'Digit2',
    'Digit3',
    'Digit4',
    'Digit5',
    'Digit6',
    'Digit7',
    'Digit8',
    'Digit9',
    'Digit0',
    'Minus',
    'Equal',
  ],
  [
    'KeyQ',
    'KeyW',
    'KeyE',
    'KeyR',
    'KeyT',
    'KeyY',
    'KeyU',
    'KeyI',
    'KeyO',
    'KeyP',
    'BracketLeft',
    'BracketRight',
    'Backslash',
  ],
  ['KeyA', 'KeyS', 'KeyD', 'KeyF', 'KeyG', 'KeyH', 'KeyJ', 'KeyK', 'KeyL', 'Semicolon', 'Quote'],
  ['KeyZ', 'KeyX', 'KeyC', 'KeyV', 'KeyB', 'KeyN', 'KeyM', 'Comma', 'Period', 'Slash'],
];

/** Per layout and row: the unshifted and the shifted characters, one per key of {@link ROWS}. */
const CHARS: Readonly<Record<LayoutId, readonly (readonly [string, string])[]>> = {
  us: [
    ['`1234567890-=', '~!@#$%^&*()_+'],
    ['qwertyuiop[]\\', 'QWERTYUIOP{}|'],
    ["asdfghjkl;'", 'ASDFGHJKL:"'],
    ['zxcvbnm,./', 'ZXCVBNM<>?'],
  ],
  ru: [
    ['ё1234567890-=', 'Ё!"№;%:?*()_+'],
    ['йцукенгшщзхъ\\', 'ЙЦУКЕНГШЩЗХЪ/'],
    ['фывапролджэ', 'ФЫВАПРОЛДЖЭ'],
    ['ячсмитьбю.', 'ЯЧСМИТЬБЮ,'],
  ],
};

/** Cyrillic lower-case letters in X11 keysym order from 0x6c0 (`Cyrillic_yu`). */
const CYRILLIC_X11_ORDER = 'юабцдефгхийклмнопярстужвьызшэщчъ';

/** The X11 keysym of a character (undefined when it has none we know). */
export function keysymOf(ch: string): number | undefined {
  const cp = ch.codePointAt(0);
  if (cp === undefined) return undefined;
  if ((cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff)) return cp;
  if (ch === 'ё') return 0x6a3;
  if (ch === 'Ё') return 0x6b3;
  if (ch === '№') return 0x6b0;
  const lower = CYRILLIC_X11_ORDER.indexOf(ch);
  if (lower >= 0) return 0x6c0 + lower;
  const upper = CYRILLIC_X11_ORDER.indexOf(ch.toLowerCase());
  if (upper >= 0 && ch !== ch.toLowerCase()) return 0x6e0 + upper;
  return undefined;
}

const SHARED: Readonly<Record<string, Keystroke>> = {
  ' ': { keysym: 0x20, code: 'Space', shift: false },
  '\n': { keysym: KEYSYM.returnKey, code: 'Enter', shift: false },
  '\t': { keysym: KEYSYM.tab, code: 'Tab', shift: false },
};

function buildTable(layout: LayoutId): ReadonlyMap<string, Keystroke> {
  const table = new Map<string, Keystroke>(Object.entries(SHARED));
  CHARS[layout].forEach(([plain, shifted], row) => {
    const codes = ROWS[row] ?? [];
    codes.forEach((code, i) => {
      for (const [ch, shift] of [
        [[...plain][i], false],
        [[...shifted][i], true],
      ] as const) {
        const keysym = ch === undefined ? undefined : keysymOf(ch);
        if (ch !== undefined && keysym !== undefined && !table.has(ch))
          table.set(ch, { keysym, code, shift });
      }
    });
  });
  return table;
}

const TABLES: Readonly<Record<LayoutId, ReadonlyMap<string, Keystroke>>> = {
  us: buildTable('us'),
  ru: buildTable('ru'),
};

/** The key press of one character in a layout. */
export function keystrokeOf(ch: string, layout: LayoutId): Keystroke | undefined {
  return TABLES[layout].get(ch);
}

/**
 * The key presses that type `text` on a guest with `layout`, and the characters that layout
 * cannot type (skipped). `\r\n` counts as one Enter.
 */
export function planKeystrokes(
  text: string,
  layout: LayoutId,
): { strokes: Keystroke[]; unsupported: string[] } {
  const strokes: Keystroke[] = [];
  const unsupported = new Set<string>();
  for (const ch of text.replace(/\r\n?/g, '\n')) {
    const k = keystrokeOf(ch, layout);
    if (k) strokes.push(k);
    else unsupported.add(ch);
  }
  return { strokes, unsupported: [...unsupported] };
}

/** Sends one key press through `sendKey` (noVNC's `rfb.sendKey(keysym, code, down)`). */
export function pressKey(
  sendKey: (keysym: number, code: string, down: boolean) => void,
  k: Keystroke,
): void {
  if (k.shift) sendKey(KEYSYM.shiftL, 'ShiftLeft', true);
  sendKey(k.keysym, k.code, true);
  sendKey(k.keysym, k.code, false);
  if (k.shift) sendKey(KEYSYM.shiftL, 'ShiftLeft', false);
}

/**
 * Types `strokes` one per `delayMs` (guests drop keys sent in a burst), reporting progress.
 * Returns a function that stops typing.
 */
export function typeKeystrokes(
  sendKey: (keysym: number, code: string, down: boolean) => void,
  strokes: readonly Keystroke[],
  opts: { delayMs: number; onProgress?: (done: number) => void; onDone?: () => void },
): () => void {
  let i = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const step = () => {
    const k = strokes[i];
    if (!k) {
      opts.onDone?.();
      return;
    }
    pressKey(sendKey, k);
    i += 1;
    opts.onProgress?.(i);
    timer = setTimeout(step, opts.delayMs);
  };
  step();
  return () => clearTimeout(timer);
}
