/** Messages of the vm-detail screens (keys prefixed `vm-detail.`). */
export const en = {} as const;

export const ru: Record<keyof typeof en, string> = {};
