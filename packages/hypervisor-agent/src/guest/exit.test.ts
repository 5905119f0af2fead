import { describe, expect, it } from 'vitest';
import { classifyExit, type ExitContext } from './exit.ts';

const ctx = (over: Partial<ExitContext> = {}): ExitContext => ({
  phase: 'running',
  stopRequested: undefined,
  guestShutdown: undefined,
  ...over,
});

describe('classifyExit', () => {
  it('reports an unrequested kill as a crash naming the signal', () => {
    expect(classifyExit(ctx(), { code: null, signal: 'SIGKILL' }, '')).toMatchObject({
      phase: 'crashed',
      crashed: true,
      reason: 'killed by signal SIGKILL',
    });
  });

  it('reports an unrequested non-zero exit as a crash with the code and stderr', () => {
    const exit = classifyExit(ctx(), { code: 1, signal: null }, 'qemu: something broke');
    expect(exit).toMatchObject({
      phase: 'crashed',
      reason: 'QEMU exited with code 1',
      stderr: 'qemu: something broke',
    });
  });

  it('treats a guest poweroff as a stop, also for a re-adopted QEMU with unknown exit code', () => {
    for (const code of [0, null]) {
      expect(
        classifyExit(ctx({ guestShutdown: 'guest-shutdown' }), { code, signal: null }, ''),
      ).toMatchObject({
        phase: 'stopped',
        crashed: false,
        reason: 'guest-shutdown',
      });
    }
  });

  it('uses the SHUTDOWN reason for requested stops', () => {
    const exit = classifyExit(
      ctx({ stopRequested: 'hard-stop', guestShutdown: 'host-qmp-quit' }),
      { code: 0, signal: null },
      '',
    );
    expect(exit).toMatchObject({ phase: 'stopped', reason: 'host-qmp-quit' });
  });

  it('marks a migrated source and a failed incoming side', () => {
    expect(
      classifyExit(ctx({ stopRequested: 'migrated' }), { code: 0, signal: null }, '').phase,
    ).toBe('migrated');
    expect(classifyExit(ctx({ phase: 'incoming' }), { code: 1, signal: null }, '')).toMatchObject({
      phase: 'stopped',
      crashed: false,
      reason: 'incoming-migration-failed',
    });
  });
});
