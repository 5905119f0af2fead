/** Messages of the Images pages (keys prefixed `images.`); wording from the seeds. */
export const en = {
  'images.title': 'Images',
} as const;

export const ru: Record<keyof typeof en, string> = {
  'images.title': 'Images',
};
