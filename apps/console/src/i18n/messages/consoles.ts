/** Messages of the consoles screens (keys prefixed `consoles.`). */
export const en = {} as const;

export const ru: Record<keyof typeof en, string> = {};
