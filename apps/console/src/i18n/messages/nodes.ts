/** Messages of the Nodes pages (keys prefixed `nodes.`); wording from the seeds. */
export const en = {
  'nodes.title': 'Nodes',
} as const;

export const ru: Record<keyof typeof en, string> = {
  'nodes.title': 'Nodes',
};
