/** Messages of the Snapshots pages (keys prefixed `snapshots.`); wording from the seeds. */
export const en = {
  'snapshots.title': 'Snapshots',
} as const;

export const ru: Record<keyof typeof en, string> = {
  'snapshots.title': 'Snapshots',
};
