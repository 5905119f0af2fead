import { IntlMessageFormat } from 'intl-messageformat';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { LOCALES, loadLocale, messages, type Locale, type MessageKey } from './messages/index.ts';

export type { Locale, MessageKey };
export type MessageValues = Record<string, string | number | Date | undefined>;
export type Translate = (key: MessageKey, values?: MessageValues) => string;

const STORAGE_KEY = 'dvp.locale';
const cache = new Map<string, IntlMessageFormat>();

/** Formats `key` in `locale` (ICU MessageFormat: plurals, selects, numbers). */
export function translate(locale: Locale, key: MessageKey, values?: MessageValues): string {
  const id = `${locale}\u0000${key}`;
  let fmt = cache.get(id);
  if (!fmt) {
    const own = messages[locale][key];
    const text = own ?? messages.en[key];
    // Not yet known (an area's or a locale's catalogue still loading): say the key, cache nothing.
    if (text === undefined) return key;
    fmt = new IntlMessageFormat(text, locale);
    // An English stand-in is not cached under another locale: the real text may arrive later.
    if (own !== undefined || locale === 'en') cache.set(id, fmt);
  }
  const out = fmt.format(values);
  return (Array.isArray(out) ? out.join('') : String(out)).trim();
}

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

/** The remembered locale, else the browser's (Russian for `ru*`), else English. */
export function initialLocale(): Locale {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (isLocale(fromUrl)) return fromUrl;
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // storage may be blocked in a third-party iframe
  }
  return navigator.language.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

interface I18n {
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(() => initial ?? initialLocale());
  const setLocale = useCallback((l: Locale) => {
    // Switch once the locale's words are there (no flash of English); on a failed download
    // switch anyway (dates and numbers follow, words fall back to English).
    void loadLocale(l).then(
      () => setLocaleState(l),
      () => setLocaleState(l),
    );
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // not remembered when storage is blocked
    }
  }, []);
  const value = useMemo<I18n>(
    () => ({ locale, setLocale, t: (key, values) => translate(locale, key, values) }),
    [locale, setLocale],
  );
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

/** The translate function of the current locale. */
export function useT(): Translate {
  return useI18n().t;
}
