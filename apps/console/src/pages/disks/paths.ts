import { paths } from '../../app/paths.ts';

/** The disk page's tabs (`paths.disk` is the overview). */
export const DISK_TABS = ['overview', 'yaml'] as const;
export type DiskTab = (typeof DISK_TABS)[number];

export function diskTab(project: string, name: string, tab: DiskTab): string {
  return tab === 'overview' ? paths.disk(project, name) : `${paths.disk(project, name)}/${tab}`;
}
