import * as common from './common.ts';
import * as consoles from './consoles.ts';
import * as embed from './embed.ts';
import * as errors from './errors.ts';
import * as vmConfig from './vm-config.ts';
import * as vmCreate from './vm-create.ts';
import * as vmDetail from './vm-detail.ts';
import * as vmList from './vm-list.ts';
import * as list from './list.ts';
import * as images from './images.ts';
import * as disks from './disks.ts';
import * as snapshots from './snapshots.ts';
import * as classes from './classes.ts';
import * as nodes from './nodes.ts';
import * as network from './network.ts';
import * as settings from './settings.ts';

/** Every message catalogue; each feature owns one file with `en` and `ru`. */
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
  images,
  disks,
  snapshots,
  classes,
  nodes,
  network,
  settings,
] as const;

type Union = (typeof parts)[number]['en'];
type KeysOf<U> = U extends unknown ? keyof U : never;
export type MessageKey = Extract<KeysOf<Union>, string>;

export type Locale = 'en' | 'ru';
export const LOCALES: readonly Locale[] = ['en', 'ru'];

export const messages: Record<Locale, Record<string, string>> = {
  en: Object.assign({}, ...parts.map((p) => p.en)) as Record<string, string>,
  ru: Object.assign({}, ...parts.map((p) => p.ru)) as Record<string, string>,
};
