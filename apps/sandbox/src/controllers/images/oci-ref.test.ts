import { describe, expect, it } from 'vitest';
import {
  credentialsFor,
  isLoopbackRegistry,
  parseAuthChallenge,
  parseImageReference,
} from './oci-ref.ts';

describe('parseImageReference', () => {
  it('parses registry, repository, tag and digest', () => {
    expect(parseImageReference('127.0.0.1:6480/catalogue/demo:latest')).toEqual({
      registry: '127.0.0.1:6480',
      repository: 'catalogue/demo',
      tag: 'latest',
      reference: 'latest',
    });
    const d = `sha256:${'a'.repeat(64)}`;
    expect(parseImageReference(`registry.example.com/a/b@${d}`)).toMatchObject({
      registry: 'registry.example.com',
      repository: 'a/b',
      reference: d,
    });
    expect(parseImageReference('localhost/x')).toMatchObject({
      registry: 'localhost',
      reference: 'latest',
    });
  });

  it('puts short names on Docker Hub', () => {
    expect(parseImageReference('ubuntu')).toMatchObject({
      registry: 'registry-1.docker.io',
      repository: 'library/ubuntu',
    });
    expect(parseImageReference('docker.io/user/img:1')).toMatchObject({
      registry: 'registry-1.docker.io',
      repository: 'user/img',
      tag: '1',
    });
  });

  it('rejects malformed references with a reason', () => {
    expect(() => parseImageReference('')).toThrow(/empty/);
    expect(() => parseImageReference('Host.example/UPPER')).toThrow(/invalid repository name/);
    expect(() => parseImageReference('a/b:bad tag')).toThrow(/invalid tag/);
    expect(() => parseImageReference('a/b@sha256:xyz')).toThrow(/invalid digest/);
  });
});

describe('registry helpers', () => {
  it('knows loopback registries', () => {
    expect(isLoopbackRegistry('127.0.0.1:5000')).toBe(true);
    expect(isLoopbackRegistry('localhost')).toBe(true);
    expect(isLoopbackRegistry('[::1]:5000')).toBe(true);
    expect(isLoopbackRegistry('registry.example.com')).toBe(false);
  });

  it('parses auth challenges', () => {
    expect(
      parseAuthChallenge(
        'Bearer realm="https://auth.example.com/token",service="registry",scope="repository:a/b:pull"',
      ),
    ).toEqual({
      scheme: 'bearer',
      params: {
        realm: 'https://auth.example.com/token',
        service: 'registry',
        scope: 'repository:a/b:pull',
      },
    });
    expect(parseAuthChallenge('Basic realm="x"')?.scheme).toBe('basic');
    expect(parseAuthChallenge(undefined)).toBeUndefined();
  });

  it('finds credentials in a dockerconfigjson', () => {
    const auth = Buffer.from('u:p:w').toString('base64');
    const doc = JSON.stringify({
      auths: {
        'https://index.docker.io/v1/': { auth },
        'r.example.com': { username: 'a', password: 'b' },
      },
    });
    expect(credentialsFor(doc, 'registry-1.docker.io')).toEqual({ username: 'u', password: 'p:w' });
    expect(credentialsFor(doc, 'r.example.com')).toEqual({ username: 'a', password: 'b' });
    expect(credentialsFor(doc, 'other.example.com')).toBeUndefined();
    expect(() => credentialsFor('{', 'x')).toThrow(/not JSON/);
  });
});
