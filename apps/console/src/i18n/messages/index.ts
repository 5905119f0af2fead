import * as common from './common.ts';
import * as consoles from './consoles.ts';
import * as embed from './embed.ts';
import * as errors from './errors.ts';
import * as vmConfig from './vm-config.ts';
import * as vmCreate from './vm-create.ts';
import * as vmDetail from './vm-detail.ts';
import * as vmList from './vm-list.ts';
import * as list from './list.ts';
import type * as images from './images.ts';
import type * as disks from './disks.ts';
import type * as snapshots from './snapshots.ts';
import type * as classes from './classes.ts';
import type * as nodes from './nodes.ts';
import type * as network from './network.ts';
import type * as settings from './settings.ts';
import type * as conditions from '../../pages/vms/detail/condition-messages.ts';

/**
 * The always-loaded catalogues, English. Each feature owns `<feature>.ts` (English) and
 * `<feature>.ru.ts` (Russian, typed against the English keys); the Russian ones load together,
 * on demand (`loadLocale`), so English users do not download them and vice versa only once.
 */
const parts = [
  common,
  errors,
  list,
  vmList,
  vmCreate,
  vmConfig,
  vmDetail,
  consoles,
  embed,
] as const;

/**
 * The catalogues of the pages of part 2 and the VM page's condition sentences, loaded with their pages (`loadCatalogues`), so they
 * stay out of the initial bundle.
 */
export const LAZY_CATALOGUES = {
  images: () => import('./images.ts'),
  disks: () => import('./disks.ts'),
  snapshots: () => import('./snapshots.ts'),
  classes: () => import('./classes.ts'),
  nodes: () => import('./nodes.ts'),
  network: () => import('./network.ts'),
  settings: () => import('./settings.ts'),
  /** The VM page's condition sentences (Overview diagnostics). */
  conditions: () => import('../../pages/vms/detail/condition-messages.ts'),
};
export type CatalogueName = keyof typeof LAZY_CATALOGUES;
type LazyPart =
  | typeof images
  | typeof disks
  | typeof snapshots
  | typeof classes
  | typeof nodes
  | typeof network
  | typeof settings
  | typeof conditions;

type Union = (typeof parts)[number]['en'] | LazyPart['en'];
type KeysOf<U> = U extends unknown ? keyof U : never;
export type MessageKey = Extract<KeysOf<Union>, string>;

export type Locale = 'en' | 'ru';
export const LOCALES: readonly Locale[] = ['en', 'ru'];

export const messages: Record<Locale, Record<string, string>> = {
  en: Object.assign({}, ...parts.map((p) => p.en)) as Record<string, string>,
  ru: {},
};

let russian: Promise<void> | undefined;

/** Makes `locale`'s always-loaded catalogues available; resolves at once for English. */
export function loadLocale(locale: Locale): Promise<void> {
  if (locale === 'en') return Promise.resolve();
  russian ??= import('./ru.ts').then(
    (m) => {
      Object.assign(messages.ru, m.ru);
    },
    (err: unknown) => {
      russian = undefined; // a failed download may be retried
      throw err;
    },
  );
  return russian;
}

/** Adds a catalogue to both locales (a lazily loaded area's, or every one in tests). */
export function registerCatalogue(part: {
  en: Readonly<Record<string, string>>;
  ru: Readonly<Record<string, string>>;
}): void {
  Object.assign(messages.en, part.en);
  Object.assign(messages.ru, part.ru);
}

const loaded = new Map<CatalogueName, Promise<void>>();

/** Loads and registers area catalogues (once each); resolves when their keys translate. */
export function loadCatalogues(names: readonly CatalogueName[]): Promise<void> {
  return Promise.all(
    names.map((name) => {
      let p = loaded.get(name);
      if (!p) {
        p = LAZY_CATALOGUES[name]().then(registerCatalogue);
        loaded.set(name, p);
        // A failed load (network) may be retried by the next navigation.
        p.catch(() => loaded.delete(name));
      }
      return p;
    }),
  ).then(() => undefined);
}
