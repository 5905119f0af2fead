/** Messages of the vm-create screens (keys prefixed `vm-create.`). */
export const en = {} as const;

export const ru: Record<keyof typeof en, string> = {};
