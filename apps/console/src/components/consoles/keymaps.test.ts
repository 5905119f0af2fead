import { describe, expect, it, vi } from 'vitest';
import { KEY_COMBOS, sendCombo } from './key-combos.ts';
import {
  KEYSYM,
  keysymOf,
  keystrokeOf,
  planKeystrokes,
  pressKey,
  typeKeystrokes,
} from './keymaps.ts';

describe('keysymOf', () => {
  it('maps Latin-1 to its code point and Cyrillic to X11 Cyrillic_* keysyms', () => {
    expect(keysymOf('a')).toBe(0x61);
    expect(keysymOf('~')).toBe(0x7e);
    expect(keysymOf('ю')).toBe(0x6c0); // Cyrillic_yu
    expect(keysymOf('а')).toBe(0x6c1); // Cyrillic_a
    expect(keysymOf('й')).toBe(0x6ca); // Cyrillic_shorti
    expect(keysymOf('ъ')).toBe(0x6df); // Cyrillic_hardsign
    expect(keysymOf('Й')).toBe(0x6ea); // Cyrillic_SHORTI
    expect(keysymOf('Ъ')).toBe(0x6ff);
    expect(keysymOf('ё')).toBe(0x6a3);
    expect(keysymOf('Ё')).toBe(0x6b3);
    expect(keysymOf('№')).toBe(0x6b0);
    expect(keysymOf('€')).toBeUndefined();
  });
});

describe('English (US) layout', () => {
  it('maps letters, shifted symbols and whitespace to physical keys', () => {
    expect(keystrokeOf('q', 'us')).toEqual({ keysym: 0x71, code: 'KeyQ', shift: false });
    expect(keystrokeOf('Q', 'us')).toEqual({ keysym: 0x51, code: 'KeyQ', shift: true });
    expect(keystrokeOf('@', 'us')).toEqual({ keysym: 0x40, code: 'Digit2', shift: true });
    expect(keystrokeOf('"', 'us')).toEqual({ keysym: 0x22, code: 'Quote', shift: true });
    expect(keystrokeOf('|', 'us')).toEqual({ keysym: 0x7c, code: 'Backslash', shift: true });
    expect(keystrokeOf('/', 'us')).toEqual({ keysym: 0x2f, code: 'Slash', shift: false });
    expect(keystrokeOf('\n', 'us')).toEqual({ keysym: 0xff0d, code: 'Enter', shift: false });
    expect(keystrokeOf(' ', 'us')).toEqual({ keysym: 0x20, code: 'Space', shift: false });
    expect(keystrokeOf('я', 'us')).toBeUndefined();
  });

  it('covers every printable ASCII character', () => {
    for (let c = 0x20; c <= 0x7e; c++)
      expect(keystrokeOf(String.fromCharCode(c), 'us'), String.fromCharCode(c)).toBeDefined();
  });
});

describe('Russian (ЙЦУКЕН) layout', () => {
  it('types Cyrillic on the keys of the Russian layout', () => {
    expect(keystrokeOf('й', 'ru')).toEqual({ keysym: 0x6ca, code: 'KeyQ', shift: false });
    expect(keystrokeOf('Ф', 'ru')).toEqual({ keysym: 0x6e6, code: 'KeyA', shift: true });
    expect(keystrokeOf('ж', 'ru')).toEqual({ keysym: 0x6d6, code: 'Semicolon', shift: false });
    expect(keystrokeOf('э', 'ru')).toEqual({ keysym: 0x6dc, code: 'Quote', shift: false });
    expect(keystrokeOf('ё', 'ru')).toEqual({ keysym: 0x6a3, code: 'Backquote', shift: false });
    expect(keystrokeOf('б', 'ru')).toEqual({ keysym: 0x6c2, code: 'Comma', shift: false });
    expect(keystrokeOf('ю', 'ru')).toEqual({ keysym: 0x6c0, code: 'Period', shift: false });
  });

  it('puts punctuation where the Russian layout has it', () => {
    expect(keystrokeOf('.', 'ru')).toEqual({ keysym: 0x2e, code: 'Slash', shift: false });
    expect(keystrokeOf(',', 'ru')).toEqual({ keysym: 0x2c, code: 'Slash', shift: true });
    expect(keystrokeOf('"', 'ru')).toEqual({ keysym: 0x22, code: 'Digit2', shift: true });
    expect(keystrokeOf('№', 'ru')).toEqual({ keysym: 0x6b0, code: 'Digit3', shift: true });
    expect(keystrokeOf(';', 'ru')).toEqual({ keysym: 0x3b, code: 'Digit4', shift: true });
    expect(keystrokeOf('?', 'ru')).toEqual({ keysym: 0x3f, code: 'Digit7', shift: true });
    expect(keystrokeOf('/', 'ru')).toEqual({ keysym: 0x2f, code: 'Backslash', shift: true });
  });

  it('covers all 66 Russian letters', () => {
    const letters = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя';
    for (const ch of letters + letters.toUpperCase())
      expect(keystrokeOf(ch, 'ru'), ch).toBeDefined();
  });
});

describe('planKeystrokes', () => {
  it('reports characters the layout cannot type once each and skips them', () => {
    const plan = planKeystrokes('Привет, мир! hi hi', 'ru');
    expect(plan.unsupported).toEqual(['h', 'i']);
    expect(plan.strokes).toHaveLength('Привет, мир!  '.length);
    expect(plan.strokes[0]).toEqual({ keysym: 0x6f0, code: 'KeyG', shift: true });
  });

  it('turns CRLF into one Enter', () => {
    expect(planKeystrokes('a\r\nb', 'us').strokes.map((s) => s.code)).toEqual([
      'KeyA',
      'Enter',
      'KeyB',
    ]);
  });
});

describe('key events', () => {
  it('holds Shift around a shifted key', () => {
    const sent: [number, string, boolean][] = [];
    pressKey((k, c, d) => sent.push([k, c, d]), { keysym: 0x41, code: 'KeyA', shift: true });
    expect(sent).toEqual([
      [KEYSYM.shiftL, 'ShiftLeft', true],
      [0x41, 'KeyA', true],
      [0x41, 'KeyA', false],
      [KEYSYM.shiftL, 'ShiftLeft', false],
    ]);
  });

  it('releases a combination in reverse order', () => {
    const sent: string[] = [];
    const combo = KEY_COMBOS.find((c) => c.id === 'ctrl-alt-f2');
    sendCombo((_k, c, d) => sent.push(`${c}${d ? '↓' : '↑'}`), combo?.keys ?? []);
    expect(sent).toEqual(['ControlLeft↓', 'AltLeft↓', 'F2↓', 'F2↑', 'AltLeft↑', 'ControlLeft↑']);
    expect(combo?.keys[2]?.keysym).toBe(0xffbf);
  });
});

describe('typeKeystrokes', () => {
  it('types one key per delay, reports progress, and stops when asked', () => {
    vi.useFakeTimers();
    try {
      const codes: string[] = [];
      const progress: number[] = [];
      const { strokes } = planKeystrokes('абв', 'ru');
      const stop = typeKeystrokes((_k, c, d) => d && codes.push(c), strokes, {
        delayMs: 15,
        onProgress: (n) => progress.push(n),
      });
      expect(codes).toEqual(['KeyF']);
      vi.advanceTimersByTime(15);
      expect(codes).toEqual(['KeyF', 'Comma']);
      stop();
      vi.advanceTimersByTime(100);
      expect(codes).toEqual(['KeyF', 'Comma']);
      expect(progress).toEqual([1, 2]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('calls onDone after the last key', () => {
    vi.useFakeTimers();
    try {
      const onDone = vi.fn();
      typeKeystrokes(() => undefined, planKeystrokes('hi', 'us').strokes, { delayMs: 10, onDone });
      vi.advanceTimersByTime(10);
      expect(onDone).not.toHaveBeenCalled();
      vi.advanceTimersByTime(10);
      expect(onDone).toHaveBeenCalledOnce();
    } finally {
      vi.useRealTimers();
    }
  });
});
