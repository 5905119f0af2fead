/** Messages of the Settings pages (keys prefixed `settings.`); wording from the seeds. */
export const en = {
  'settings.title': 'Settings',
} as const;

export const ru: Record<keyof typeof en, string> = {
  'settings.title': 'Settings',
};
