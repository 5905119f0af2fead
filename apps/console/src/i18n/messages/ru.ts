/** The Russian of the always-loaded catalogues, in one chunk loaded when Russian is shown. */
import { ru as common } from './common.ru.ts';
import { ru as errors } from './errors.ru.ts';
import { ru as list } from './list.ru.ts';
import { ru as vmCreate } from './vm-create.ru.ts';
import { ru as vmConfig } from './vm-config.ru.ts';
import { ru as vmDetail } from './vm-detail.ru.ts';
import { ru as consoles } from './consoles.ru.ts';
import { ru as embed } from './embed.ru.ts';
import { ru as vmList } from './vm-list.ru.ts';

export const ru: Record<string, string> = {
  ...common,
  ...errors,
  ...list,
  ...vmCreate,
  ...vmConfig,
  ...vmDetail,
  ...consoles,
  ...embed,
  ...vmList,
};
