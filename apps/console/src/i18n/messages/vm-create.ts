/** Messages of the vm-create screens (keys prefixed `vm-create.`). Russian wording: seed 003. */
export const en = {
  'vm-create.editor.bytes': '{bytes} of {max} bytes',
} as const;

export const ru: Record<keyof typeof en, string> = {
  'vm-create.editor.bytes': '{bytes} из {max} байт',
};
