import { describe, expect, it } from 'vitest';
import { parseRange } from './files.ts';
import { newUploadToken, tokenOf, uploadUrls } from './uploads.ts';

describe('upload URLs', () => {
  it('are built from unguessable tokens and parsed back', () => {
    const a = newUploadToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(newUploadToken()).not.toBe(a);
    const u = uploadUrls('http://127.0.0.1:6480', a);
    expect(u.imageUploadURLs).toEqual({
      external: `http://127.0.0.1:6480/upload/${a}`,
      inCluster: `http://127.0.0.1:6480/upload-in-cluster/${a}/upload`,
    });
    expect(u.uploadCommand).toBe(`curl http://127.0.0.1:6480/upload/${a} -T example.iso`);
    expect(tokenOf(u.imageUploadURLs.external)).toBe(a);
    expect(tokenOf(u.imageUploadURLs.inCluster)).toBe(a);
    expect(tokenOf('/upload/short')).toBeUndefined();
    expect(tokenOf(undefined)).toBeUndefined();
  });
});

describe('parseRange', () => {
  it('handles single byte ranges', () => {
    expect(parseRange(undefined, 10)).toBeUndefined();
    expect(parseRange('bytes=0-3', 10)).toEqual({ start: 0, end: 3 });
    expect(parseRange('bytes=5-', 10)).toEqual({ start: 5, end: 9 });
    expect(parseRange('bytes=-4', 10)).toEqual({ start: 6, end: 9 });
    expect(parseRange('bytes=8-100', 10)).toEqual({ start: 8, end: 9 });
    expect(parseRange('bytes=10-', 10)).toBeNull();
    expect(parseRange('bytes=5-2', 10)).toBeNull();
    expect(parseRange('items=1-2', 10)).toBeUndefined();
  });
});
