/** Messages of the vm-list screens (keys prefixed `vm-list.`). */
export const en = {} as const;

export const ru: Record<keyof typeof en, string> = {};
