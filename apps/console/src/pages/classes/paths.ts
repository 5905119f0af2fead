/** URLs of the VM class pages that `app/paths.ts` does not have (the edit form and tabs). */
import { paths } from '../../app/paths.ts';

export const CLASS_TABS = ['overview', 'yaml'] as const;
export type ClassTab = (typeof CLASS_TABS)[number];

export const classPaths = {
  tab: (name: string, tab: ClassTab) =>
    tab === 'overview' ? paths.class(name) : `${paths.class(name)}/${tab}`,
  edit: (name: string) => `${paths.class(name)}/edit`,
};
