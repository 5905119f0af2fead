/** Messages of the Network pages (keys prefixed `network.`); wording from the seeds. */
export const en = {
  'network.title': 'Network',
} as const;

export const ru: Record<keyof typeof en, string> = {
  'network.title': 'Network',
};
