import { CONSOLE_CLOSE_CODES } from '@dvp/api';
import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/i18n.tsx';
import {
  RECONNECT_ATTEMPTS,
  shouldReconnect,
  consoleAvailable,
  parseHolder,
  REASON_TEXT,
  shortClient,
  stateOfClose,
} from './connection.ts';
import { screenshotName } from './screenshot.ts';

describe('stateOfClose', () => {
  it.each([
    [CONSOLE_CLOSE_CODES.takenOver, 'takenOver'],
    [CONSOLE_CLOSE_CODES.idle, 'idle'],
    [CONSOLE_CLOSE_CODES.maxLifetime, 'maxLifetime'],
    [CONSOLE_CLOSE_CODES.upstreamLost, 'upstreamLost'],
    [CONSOLE_CLOSE_CODES.shutdown, 'shutdown'],
    [CONSOLE_CLOSE_CODES.goingAway, 'vmGone'],
    [CONSOLE_CLOSE_CODES.streamFailed, 'streamFailed'],
    [CONSOLE_CLOSE_CODES.normal, 'ended'],
    [1006, 'networkLost'],
    [4999, 'ended'],
  ])('code %i after opening → disconnected (%s)', (code, reason) => {
    expect(stateOfClose(code, true)).toEqual({ status: 'disconnected', reason });
  });

  it('a socket that never opened was refused before the upgrade', () => {
    expect(stateOfClose(1006, false)).toEqual({ status: 'failed', reason: 'refused' });
  });

  it('every reason has words in both locales', () => {
    expect(translate('en', REASON_TEXT.takenOver)).toMatch(/taken over/);
    expect(translate('en', REASON_TEXT.idle)).toMatch(/without activity/);
    expect(translate('en', REASON_TEXT.maxLifetime)).toMatch(/maximum length/);
    expect(translate('ru', REASON_TEXT.takenOver)).toMatch(/перехвачена/);
    for (const key of Object.values(REASON_TEXT)) {
      expect(translate('en', key)).not.toBe(key);
      expect(translate('ru', key)).not.toBe(key);
    }
  });
});

describe('parseHolder', () => {
  it('reads a VirtualMachineSession', () => {
    expect(
      parseHolder({ holder: 'alice', startTime: '2026-01-02T03:04:05Z', client: 'd8/1.0' }),
    ).toEqual({ holder: 'alice', startTime: '2026-01-02T03:04:05Z', client: 'd8/1.0' });
  });

  it('treats {} and unusable answers as nobody', () => {
    expect(parseHolder({})).toBeUndefined();
    expect(parseHolder(undefined)).toBeUndefined();
    expect(parseHolder('Upgrade request required')).toBeUndefined();
    expect(parseHolder({ holder: '  ' })).toBeUndefined();
    expect(parseHolder({ holder: 42 })).toBeUndefined();
  });

  it('drops an unparseable start time and a missing client', () => {
    expect(parseHolder({ holder: 'bob', startTime: 'yesterday' })).toEqual({ holder: 'bob' });
  });
});

describe('consoleAvailable', () => {
  it('only while Running or Migrating', () => {
    expect(consoleAvailable('Running')).toBe(true);
    expect(consoleAvailable('Migrating')).toBe(true);
    expect(consoleAvailable('Stopped')).toBe(false);
    expect(consoleAvailable('Starting')).toBe(false);
  });
});

describe('screenshotName', () => {
  it('is <vm>-<timestamp>.png without colons', () => {
    expect(screenshotName('web-1', new Date('2026-11-21T13:05:09.123Z'))).toBe(
      'web-1-2026-11-21T13-05-09Z.png',
    );
  });
});

describe('shortClient', () => {
  it('reduces the BFF user agent to the browser', () => {
    expect(
      shortClient(
        'dvp-console (Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36)',
      ),
    ).toBe('dvp-console, HeadlessChrome 156');
    expect(
      shortClient(
        'dvp-console (Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0)',
      ),
    ).toBe('dvp-console, Firefox 133');
    expect(shortClient('dvp-console (curl)')).toBe('dvp-console');
  });

  it('keeps other clients, cut to 60 characters', () => {
    expect(shortClient('d8/v0.20.1')).toBe('d8/v0.20.1');
    expect(shortClient('x'.repeat(100))).toHaveLength(60);
  });
});

describe('following the VM', () => {
  it('reconnects after the stream went away, not after a takeover or a limit, and gives up in time', () => {
    expect(shouldReconnect({ status: 'disconnected', reason: 'vmGone' }, 0)).toBe(true);
    expect(shouldReconnect({ status: 'disconnected', reason: 'upstreamLost' }, 3)).toBe(true);
    expect(shouldReconnect({ status: 'disconnected', reason: 'takenOver' }, 0)).toBe(false);
    expect(shouldReconnect({ status: 'disconnected', reason: 'idle' }, 0)).toBe(false);
    // A first connection refused is final; refusals while following a migration are retried.
    expect(shouldReconnect({ status: 'failed', reason: 'refused' }, 0)).toBe(false);
    expect(shouldReconnect({ status: 'failed', reason: 'refused' }, 2)).toBe(true);
    expect(shouldReconnect({ status: 'disconnected', reason: 'vmGone' }, RECONNECT_ATTEMPTS)).toBe(
      false,
    );
  });
});
