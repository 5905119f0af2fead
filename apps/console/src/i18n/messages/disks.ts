/** Messages of the Disks pages (keys prefixed `disks.`); wording from the seeds. */
export const en = {
  'disks.title': 'Disks',
} as const;

export const ru: Record<keyof typeof en, string> = {
  'disks.title': 'Disks',
};
