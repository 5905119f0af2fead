import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { messages } from './messages/index.ts';
import { translate } from './i18n.tsx';

describe('message catalogues', () => {
  it('has the same keys in English and Russian, each a valid ICU message', () => {
    const en = Object.keys(messages.en).sort();
    expect(Object.keys(messages.ru).sort()).toEqual(en);
    for (const locale of ['en', 'ru'] as const) {
      for (const [key, text] of Object.entries(messages[locale])) {
        expect(() => new IntlMessageFormat(text, locale), `${locale} ${key}`).not.toThrow();
        expect(text.trim(), `${locale} ${key} is empty`).not.toBe('');
      }
    }
  });

  it('uses Russian plural forms', () => {
    expect(translate('ru', 'common.items', { count: 1 })).toBe('1 объект');
    expect(translate('ru', 'common.items', { count: 3 })).toBe('3 объекта');
    expect(translate('ru', 'common.items', { count: 5 })).toBe('5 объектов');
    expect(translate('en', 'common.items', { count: 1 })).toBe('1 item');
    expect(translate('en', 'common.items', { count: 2 })).toBe('2 items');
  });
});
