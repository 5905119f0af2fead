import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';

/** Whether the process runs (a zombie, exited but not yet reaped by init, does not). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('the embedded sandbox', () => {
  it('shuts down by itself when the BFF that started it is killed outright', async () => {
    const root = mkdtempSync(join(inject('bffTestRoot'), 'lifecycle-'));
    const parent = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./embedded-parent.ts', import.meta.url)), root],
      { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const pid = await new Promise<number>((resolve, reject) => {
      createInterface({ input: parent.stdout }).on('line', (line) => {
        if (line.startsWith('SANDBOX_PID ')) resolve(Number(line.slice('SANDBOX_PID '.length)));
      });
      parent.once('exit', (code) => reject(new Error(`the parent exited (${code})`)));
    });
    expect(running(pid)).toBe(true);

    // SIGKILL: the parent cannot stop its child; the child notices its stdin end.
    const exited = new Promise((resolve) => parent.once('exit', resolve));
    parent.kill('SIGKILL');
    await exited;
    // Not our child, so no exit event: poll its /proc entry until it is gone.
    const deadline = Date.now() + 30_000;
    while (running(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(running(pid)).toBe(false);
  });
});
