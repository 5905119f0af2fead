/**
 * Inline cloud-init (`spec.provisioning.userData`) is limited to 2048 bytes; larger scripts go
 * into a Secret referenced by `userDataRef`. The limit and message come from the VM CRD
 * (deckhouse/virtualization cf3a9e6c4, `crds/virtualmachines.yaml`). The user guide states the
 * limit in bytes, so the UTF-8 size is measured (CEL's `size()` would count characters).
 */
import { utf8ByteLength } from './names.ts';

/** Largest inline userData, in bytes. */
export const MAX_INLINE_USER_DATA_BYTES = 2048;

/** The CRD's message for an oversized inline userData. */
export const USER_DATA_TOO_LONG_MESSAGE = 'exceeds 2048 byte limit; should use `userDataRef`';

/** The UTF-8 size of a userData script. */
export function userDataBytes(userData: string): number {
  return utf8ByteLength(userData);
}

/** The error for an inline userData, or `undefined` when it fits. */
export function validateInlineUserData(userData: string): string | undefined {
  return userDataBytes(userData) > MAX_INLINE_USER_DATA_BYTES
    ? USER_DATA_TOO_LONG_MESSAGE
    : undefined;
}
