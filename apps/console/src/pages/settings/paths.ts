import { paths } from '../../app/paths.ts';

/** Tabs of the module page (`paths.settings()` shows Configuration). */
export const MODULE_TABS = ['configuration', 'overview'] as const;
export type ModuleTab = (typeof MODULE_TABS)[number];

export const moduleTabPath = (tab: ModuleTab) =>
  tab === 'configuration' ? paths.settings() : `${paths.settings()}/${tab}`;
