import { failureStatus, type StatusReason } from '@dvp/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { translate, type Translate } from '../i18n/i18n.tsx';
import { api, call, setCsrfToken } from './client.ts';
import { errorText, splitCauses } from './error-text.ts';
import { ApiError } from './errors.ts';

const status = (
  code: number,
  reason: StatusReason,
  message: string,
  causes: { field: string; message: string }[] = [],
) =>
  failureStatus(
    code,
    reason,
    message,
    causes.length
      ? { causes: causes.map((c) => ({ ...c, reason: 'FieldValueInvalid' as const })) }
      : undefined,
  );

describe('errors in words', () => {
  const en: Translate = (k, v) => translate('en', k, v);
  const ru: Translate = (k, v) => translate('ru', k, v);

  it('maps Status reasons to words in both locales and keeps the cluster message', () => {
    const forbidden = new ApiError(status(403, 'Forbidden', 'virtualmachines "a" is forbidden'));
    expect(errorText(en, forbidden)).toBe(
      'You don’t have permission to do this. virtualmachines "a" is forbidden',
    );
    expect(errorText(ru, forbidden)).toContain('У вас нет прав');
    expect(errorText(en, new ApiError(status(409, 'Conflict', 'x')))).toContain(
      'Changed elsewhere',
    );
    expect(errorText(en, new TypeError('Failed to fetch'))).toBe(
      'Cannot reach the console server. Check your connection.',
    );
    const internal = new ApiError(status(500, 'InternalError', 'boom'), 'req-1');
    expect(errorText(en, internal)).toContain('Request ID: req-1');
  });

  it('splits Invalid causes into form fields (longest prefix wins) and the rest', () => {
    const err = new ApiError(
      status(422, 'Invalid', 'invalid', [
        { field: 'spec.cpu.cores', message: 'must be 1..248' },
        { field: 'spec.blockDeviceRefs[0].name', message: 'not found' },
        { field: 'spec.unknown', message: 'odd' },
      ]),
    );
    const { fields, rest } = splitCauses(err, {
      'spec.cpu.cores': 'cores',
      'spec.blockDeviceRefs': 'disks',
      spec: 'other',
    });
    expect(fields).toEqual([
      { name: 'cores', message: 'must be 1..248' },
      { name: 'disks', message: 'not found' },
      { name: 'other', message: 'odd' },
    ]);
    expect(rest).toEqual([]);
    expect(splitCauses(err, { 'spec.cpu.cores': 'cores' }).rest).toHaveLength(2);
  });
});

describe('the BFF client', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(undefined);
  });

  it('sends the CSRF token and merge-patch type on writes and throws the Status as ApiError', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
      seen.push({ url, init });
      return Promise.resolve(
        new Response(JSON.stringify(status(409, 'Conflict', 'the object has been modified')), {
          status: 409,
          headers: { 'Content-Type': 'application/json' },
        }),
      );
    });
    setCsrfToken('tok');
    const p = call(api.vmPatch, {
      params: { namespace: 'demo', name: 'a b' },
      body: { metadata: { resourceVersion: '7' } },
    });
    await expect(p).rejects.toMatchObject({ code: 409, reason: 'Conflict' });
    const req = seen[0];
    expect(req?.url).toBe('/api/v1/namespaces/demo/virtualmachines/a%20b');
    expect(req?.init.method).toBe('PATCH');
    expect(req?.init.headers).toMatchObject({
      'X-CSRF-Token': 'tok',
      'Content-Type': 'application/merge-patch+json',
    });
  });

  it('builds list queries without empty parameters', async () => {
    let url = '';
    vi.stubGlobal('fetch', (u: string) => {
      url = u;
      return Promise.resolve(
        new Response(
          '{"items":[],"total":0,"resourceVersion":"1","facets":{"phase":{},"node":{}}}',
        ),
      );
    });
    await call(api.vmList, {
      params: { namespace: 'demo' },
      query: { q: '', phase: 'Running', limit: 50 },
    });
    expect(url).toBe('/api/v1/namespaces/demo/virtualmachines?phase=Running&limit=50');
  });
});
