/** Messages of the Classes pages (keys prefixed `classes.`); wording from the seeds. */
export const en = {
  'classes.title': 'Classes',
} as const;

export const ru: Record<keyof typeof en, string> = {
  'classes.title': 'Classes',
};
