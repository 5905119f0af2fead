/** Messages of the embed screens (keys prefixed `embed.`). */
export const en = {} as const;

export const ru: Record<keyof typeof en, string> = {};
