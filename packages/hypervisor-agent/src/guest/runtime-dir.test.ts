import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { guestPaths, prepareGuestDir } from './runtime-dir.ts';

const root = mkdtempSync(join(tmpdir(), 'rt-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('prepareGuestDir', () => {
  it('removes sockets and the pidfile a previous QEMU left, keeping logs', async () => {
    const p = guestPaths(root, 'vm');
    await prepareGuestDir(p);
    for (const f of [p.qmp, p.serial, p.vnc, p.qga, p.pidfile, p.serialLog])
      writeFileSync(f, 'stale');
    await prepareGuestDir(p);
    expect([p.qmp, p.serial, p.vnc, p.qga, p.pidfile].filter((f) => existsSync(f))).toEqual([]);
    expect(existsSync(p.serialLog)).toBe(true);
  });
});
