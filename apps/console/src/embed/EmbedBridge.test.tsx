import { act, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryRouter, useLocation } from 'react-router';
import { api, call } from '../api/client.ts';
import { I18nProvider, useI18n } from '../i18n/i18n.tsx';
import { EmbedBridge } from './EmbedBridge.tsx';

/** The host window as the frame sees it: everything it is sent is recorded. */
const posted: { message: unknown; origin: string }[] = [];
const parent = {
  postMessage: (message: unknown, origin: string) => posted.push({ message, origin }),
};

function Probe() {
  const { pathname } = useLocation();
  const { locale } = useI18n();
  return <p data-path={pathname} data-locale={locale} />;
}

function hostSays(data: unknown, origin = location.origin, source: unknown = parent) {
  const e = new MessageEvent('message', { data, origin });
  Object.defineProperty(e, 'source', { value: source });
  act(() => {
    window.dispatchEvent(e);
  });
}

function renderEmbedded() {
  return render(
    <I18nProvider initial="en">
      <MemoryRouter initialEntries={['/projects/demo/vms']}>
        <EmbedBridge />
        <Probe />
      </MemoryRouter>
    </I18nProvider>,
  );
}

const types = () => posted.map((p) => (p.message as { type: string }).type);

describe('EmbedBridge', () => {
  beforeEach(() => {
    posted.length = 0;
    sessionStorage.setItem('dvp.embed', '1');
    sessionStorage.removeItem('dvp.embed.host');
    Object.defineProperty(window, 'parent', { value: parent, configurable: true });
    // jsdom has no layout: an observer that reports nothing beyond the first measurement.
    vi.stubGlobal(
      'ResizeObserver',
      class {
        observe() {}
        disconnect() {}
      },
    );
  });
  afterEach(() => {
    Object.defineProperty(window, 'parent', { value: window, configurable: true });
    vi.unstubAllGlobals();
    sessionStorage.clear();
  });

  it('posts only to the host origin it learnt from an allowed host, never to *', () => {
    const view = renderEmbedded();
    // jsdom has no referrer or ancestorOrigins: no known host yet, so nothing is posted.
    expect(posted).toEqual([]);
    hostSays({ type: 'dvp:navigate', path: '/projects/demo/disks' });
    expect(view.container.querySelector('p')?.dataset.path).toBe('/projects/demo/disks');
    expect(types()).toEqual(
      expect.arrayContaining(['dvp:ready', 'dvp:route', 'dvp:title', 'dvp:height']),
    );
    expect(new Set(posted.map((p) => p.origin))).toEqual(new Set([location.origin]));
    expect(posted).toContainEqual({
      message: { type: 'dvp:route', path: '/projects/demo/disks' },
      origin: location.origin,
    });
  });

  it('reports ready, route, title and height to a remembered host', () => {
    sessionStorage.setItem('dvp.embed.host', location.origin);
    renderEmbedded();
    expect(types()).toEqual(
      expect.arrayContaining(['dvp:ready', 'dvp:route', 'dvp:title', 'dvp:height']),
    );
    expect(posted[0]?.message).toEqual({ type: 'dvp:ready', version: 1 });
  });

  it('applies locale and theme; ignores other origins, other sources and unknown shapes', async () => {
    sessionStorage.setItem('dvp.embed.host', location.origin);
    const view = renderEmbedded();
    const p = () => view.container.querySelector('p');
    hostSays({ type: 'dvp:locale', locale: 'ru-RU' }, 'https://evil.example');
    hostSays({ type: 'dvp:locale', locale: 'ru-RU' }, location.origin, window);
    hostSays({ type: 'dvp:navigate', path: '//evil.example/' });
    hostSays({ type: 'dvp:unknown' });
    expect(p()?.dataset.locale).toBe('en');
    expect(p()?.dataset.path).toBe('/projects/demo/vms');
    hostSays({ type: 'dvp:locale', locale: 'ru-RU' });
    // The switch waits for the Russian catalogue (already registered here: a microtask).
    await waitFor(() => expect(p()?.dataset.locale).toBe('ru'));
    hostSays({ type: 'dvp:theme', theme: 'dark' });
    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  it('tells the host when the session expires (a 401 from the BFF)', async () => {
    sessionStorage.setItem('dvp.embed.host', location.origin);
    renderEmbedded();
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(new Response('{"kind":"Status","code":401}', { status: 401 }))),
    );
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await expect(call(api.projectList, { params: {} })).rejects.toThrow();
    expect(posted.at(-1)?.message).toEqual({ type: 'dvp:session-expired' });
  });

  it('is inert when not framed', () => {
    Object.defineProperty(window, 'parent', { value: window, configurable: true });
    const spy = vi.spyOn(window, 'postMessage');
    renderEmbedded();
    expect(spy).not.toHaveBeenCalled();
  });
});
