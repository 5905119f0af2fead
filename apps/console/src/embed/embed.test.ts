import { describe, expect, it } from 'vitest';
import { originAllowed, parseHostMessage, primaryLanguage, routerPath } from './embed.ts';

const SELF = 'http://127.0.0.1:8080';

describe('originAllowed', () => {
  it('always allows our own origin and nothing else without an allowlist', () => {
    expect(originAllowed(SELF, [], SELF)).toBe(true);
    expect(originAllowed('http://127.0.0.1:8081', [], SELF)).toBe(false);
    expect(originAllowed('null', ["'self'"], SELF)).toBe(false);
  });

  it('matches CSP sources: exact, default ports, wildcard hosts and ports, scheme-only', () => {
    const sources = ['https://portal.example.com', 'https://*.example.org:8443', 'http://h:*'];
    expect(originAllowed('https://portal.example.com', sources, SELF)).toBe(true);
    expect(originAllowed('https://portal.example.com:444', sources, SELF)).toBe(false);
    expect(originAllowed('http://portal.example.com', sources, SELF)).toBe(false);
    expect(originAllowed('https://a.b.example.org:8443', sources, SELF)).toBe(true);
    expect(originAllowed('https://example.org:8443', sources, SELF)).toBe(false);
    expect(originAllowed('https://evilexample.org:8443', sources, SELF)).toBe(false);
    expect(originAllowed('http://h:1234', sources, SELF)).toBe(true);
    expect(originAllowed('https://anything', ['https:'], SELF)).toBe(true);
    // No scheme: ours or its secure upgrade.
    expect(originAllowed('https://portal.local', ['portal.local'], SELF)).toBe(true);
    expect(originAllowed('http://portal.local', ['portal.local'], SELF)).toBe(true);
  });
});

describe('parseHostMessage', () => {
  it('accepts the contract shapes', () => {
    expect(parseHostMessage({ type: 'dvp:locale', locale: 'ru' })).toEqual({
      type: 'dvp:locale',
      locale: 'ru',
    });
    expect(parseHostMessage({ type: 'dvp:theme', theme: 'dark' })).toEqual({
      type: 'dvp:theme',
      theme: 'dark',
    });
    expect(parseHostMessage({ type: 'dvp:navigate', path: '/projects/demo/vms?q=a' })).toEqual({
      type: 'dvp:navigate',
      path: '/projects/demo/vms?q=a',
    });
  });

  it('ignores unknown types, bad fields and paths that could leave the app', () => {
    for (const m of [
      null,
      'dvp:ready',
      [],
      { type: 'other' },
      { type: 'dvp:theme', theme: 'blue' },
      { type: 'dvp:locale', locale: 1 },
      { type: 'dvp:navigate', path: 'https://evil.example' },
      { type: 'dvp:navigate', path: '//evil.example/x' },
      { type: 'dvp:navigate', path: '/\\evil.example' },
      { type: 'dvp:navigate', path: 'javascript:alert(1)' },
    ])
      expect(parseHostMessage(m)).toBeUndefined();
  });
});

describe('helpers', () => {
  it('takes the primary language of a tag', () => {
    expect(primaryLanguage('ru-RU')).toBe('ru');
    expect(primaryLanguage('EN')).toBe('en');
  });

  it('strips the base path a host may send along', () => {
    expect(routerPath('/virt/projects/demo/vms', '/virt')).toBe('/projects/demo/vms');
    expect(routerPath('/virt', '/virt')).toBe('/');
    expect(routerPath('/virtual/x', '/virt')).toBe('/virtual/x');
    expect(routerPath('/projects', '')).toBe('/projects');
  });
});
