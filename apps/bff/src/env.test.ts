import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR, ENV_VARIABLES, EnvError, loadEnv } from './env.ts';

function problems(source: Record<string, string>): string[] {
  try {
    loadEnv(source);
  } catch (e) {
    if (!(e instanceof EnvError)) throw e;
    expect(e.message.split('\n')[0]).toBe('invalid configuration:');
    return e.message.split('\n').slice(1);
  }
  throw new Error('expected the configuration to be rejected');
}

describe('loadEnv', () => {
  it('applies the documented defaults', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      HOST: '127.0.0.1',
      PORT: 8080,
      BASE_PATH: '',
      CLUSTER_MODE: 'embedded',
      AUTH_MODE: 'token',
      AUTH_PROXY_TRUSTED: [],
      COOKIE_SECURE: 'auto',
      FRAME_ANCESTORS: [],
      ALLOWED_ORIGINS: [],
      LOG_LEVEL: 'info',
      BODY_LIMIT_BYTES: 1024 * 1024,
      SANDBOX_LISTEN: '127.0.0.1:6443',
      SANDBOX_GATEWAY_LISTEN: '127.0.0.1:6480',
      SANDBOX_API_ONLY: false,
    });
    expect(env.DATA_DIR).toBe(DEFAULT_DATA_DIR);
    expect(DEFAULT_DATA_DIR).toMatch(/apps\/bff\/\.data$/);
    expect(env.STATIC_DIR).toBeUndefined();
  });

  it('treats empty variables as unset and ignores unknown ones', () => {
    const env = loadEnv({ PORT: '', BASE_PATH: '', NOT_OURS: 'x' });
    expect(env.PORT).toBe(8080);
    expect(env.BASE_PATH).toBe('');
  });

  it('parses numbers, booleans and lists', () => {
    const env = loadEnv({
      PORT: '9000',
      SANDBOX_API_ONLY: '1',
      FRAME_ANCESTORS: 'https://portal.example.com, https://*.example.org:8443',
      ALLOWED_ORIGINS: 'https://portal.example.com',
      AUTH_MODE: 'proxy',
      AUTH_PROXY_TRUSTED: '10.0.0.0/8 ::1 192.168.1.7',
      STATIC_DIR: 'dist',
    });
    expect(env.PORT).toBe(9000);
    expect(env.SANDBOX_API_ONLY).toBe(true);
    expect(env.FRAME_ANCESTORS).toEqual([
      'https://portal.example.com',
      'https://*.example.org:8443',
    ]);
    expect(env.AUTH_PROXY_TRUSTED).toEqual(['10.0.0.0/8', '::1', '192.168.1.7']);
    expect(env.STATIC_DIR).toBe(resolve('dist'));
  });

  it('resolves relative paths from where the command was typed (INIT_CWD)', () => {
    const env = loadEnv({
      INIT_CWD: '/home/me/work',
      DATA_DIR: 'state',
      STATIC_DIR: '../site',
      CLUSTER_MODE: 'kubeconfig',
      KUBECONFIG: 'kube/config',
    });
    expect(env.DATA_DIR).toBe('/home/me/work/state');
    expect(env.STATIC_DIR).toBe('/home/me/site');
    expect(env.KUBECONFIG).toBe('/home/me/work/kube/config');
    expect(loadEnv({ DATA_DIR: '/abs/data', INIT_CWD: '/x' }).DATA_DIR).toBe('/abs/data');
  });

  it('lists every bad variable at once, with the value it got', () => {
    const lines = problems({
      PORT: 'abc',
      LOG_LEVEL: 'loud',
      BODY_LIMIT_BYTES: '-5',
      CLUSTER_MODE: 'kubeconfig',
    });
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^ {2}PORT: .*\(got "abc"\)$/);
    expect(lines.some((l) => l.startsWith('  LOG_LEVEL: ') && l.includes('"loud"'))).toBe(true);
    expect(lines.some((l) => l.startsWith('  BODY_LIMIT_BYTES: '))).toBe(true);
    expect(lines).toContain('  KUBECONFIG: required when CLUSTER_MODE=kubeconfig');
  });

  it('never repeats a secret in its message', () => {
    const lines = problems({ SESSION_SECRET: 'too-short-secret' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^ {2}SESSION_SECRET: /);
    expect(lines[0]).not.toContain('too-short-secret');
  });

  it('rejects proxy mode without trusted proxies, and bad proxy addresses', () => {
    expect(problems({ AUTH_MODE: 'proxy' })).toEqual([
      '  AUTH_PROXY_TRUSTED: AUTH_MODE=proxy needs the trusted proxy addresses',
    ]);
    for (const bad of [
      'proxy.example.com',
      '10.0.0.0/33',
      '::1/129',
      '1.2.3.4/8/9',
      '10.0.0.0/x',
    ]) {
      const lines = problems({ AUTH_MODE: 'proxy', AUTH_PROXY_TRUSTED: bad });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('AUTH_PROXY_TRUSTED: ');
      expect(lines[0]).toContain('is not an IP address or CIDR block');
    }
  });

  it('validates BASE_PATH, forgiving "/" and one trailing slash', () => {
    expect(loadEnv({ BASE_PATH: '/' }).BASE_PATH).toBe('');
    expect(loadEnv({ BASE_PATH: '/virtualization' }).BASE_PATH).toBe('/virtualization');
    expect(loadEnv({ BASE_PATH: '/a/b-c_d.e~/' }).BASE_PATH).toBe('/a/b-c_d.e~');
    for (const bad of ['console', '/a//b', '/a b', '/a/../b', '/.', '/x?y', '/%2e%2e', '//']) {
      const lines = problems({ BASE_PATH: bad });
      expect(lines, bad).toHaveLength(1);
      expect(lines[0]).toMatch(/^ {2}BASE_PATH: /);
    }
  });

  it('refuses frame-ancestors that could smuggle other CSP directives, and bad origins', () => {
    for (const bad of ['https://a.com;script-src', "'unsafe-inline'", 'https://a.com"']) {
      expect(problems({ FRAME_ANCESTORS: bad })[0]).toMatch(/^ {2}FRAME_ANCESTORS: .*CSP source/);
    }
    for (const bad of ['https://a.com/', 'a.com', 'https://a.com/path']) {
      expect(problems({ ALLOWED_ORIGINS: bad })[0]).toMatch(/^ {2}ALLOWED_ORIGINS: /);
    }
  });

  it("is documented: every variable has a row in the README's BFF section", () => {
    const readme = readFileSync(
      resolve(dirname(fileURLToPath(import.meta.url)), '../../../README.md'),
      'utf8',
    );
    const section = readme.split(/^## /m).find((s) => s.startsWith('The BFF\n')) ?? '';
    const rows = new Set([...section.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]));
    expect(ENV_VARIABLES.length).toBeGreaterThan(25);
    expect(ENV_VARIABLES.filter((v) => !rows.has(v))).toEqual([]);
    expect([...rows].filter((v) => !ENV_VARIABLES.includes(v ?? ''))).toEqual([]);
  });
});
