/** Messages of the vm-config screens (keys prefixed `vm-config.`). */
export const en = {} as const;

export const ru: Record<keyof typeof en, string> = {};
