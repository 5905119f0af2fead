/** Messages of the embed screens (keys prefixed `embed.`). */
export const en = {} as const;
