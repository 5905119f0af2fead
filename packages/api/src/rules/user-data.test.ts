import { describe, expect, it } from 'vitest';
import {
  MAX_INLINE_USER_DATA_BYTES,
  USER_DATA_TOO_LONG_MESSAGE,
  userDataBytes,
  validateInlineUserData,
} from './user-data.ts';

describe('inline userData', () => {
  it('accepts the user guide cloud-config', () => {
    const cloudConfig = `#cloud-config
package_update: true
packages:
  - nginx
run_cmd:
  - systemctl daemon-reload
  - systemctl enable --now nginx
`;
    expect(validateInlineUserData(cloudConfig)).toBeUndefined();
  });

  it('allows exactly 2048 bytes and refuses 2049', () => {
    expect(validateInlineUserData('a'.repeat(MAX_INLINE_USER_DATA_BYTES))).toBeUndefined();
    expect(validateInlineUserData('a'.repeat(2049))).toBe(USER_DATA_TOO_LONG_MESSAGE);
  });

  it('measures UTF-8 bytes, not characters', () => {
    const cyrillic = 'я'.repeat(1025); // 1025 characters, 2050 bytes
    expect(userDataBytes(cyrillic)).toBe(2050);
    expect(validateInlineUserData(cyrillic)).toBe(
      'exceeds 2048 byte limit; should use `userDataRef`',
    );
  });
});
