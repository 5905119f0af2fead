import { describe, expect, it } from 'vitest';
import {
  defaultIngressValues,
  hostProblem,
  ingressPortProblem,
  ingressRoutes,
  pathProblem,
  toIngressBody,
} from './ingress-model.ts';

describe('the Create Ingress form', () => {
  it('builds the seeds’ Ingress', () => {
    const body = toIngressBody({
      ...defaultIngressValues('linux-vm-nginx'),
      name: 'linux-vm',
      host: 'linux-vm.example.com',
      port: '80',
    });
    expect(body).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'linux-vm' },
      spec: {
        rules: [
          {
            host: 'linux-vm.example.com',
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: 'linux-vm-nginx', port: { number: 80 } } },
                },
              ],
            },
          },
        ],
      },
    });
    expect(ingressRoutes(body)).toEqual([
      { host: 'linux-vm.example.com', path: '/', service: 'linux-vm-nginx', port: '80' },
    ]);
  });

  it('adds a class, TLS for the host, and named ports', () => {
    const body = toIngressBody({
      ...defaultIngressValues('web'),
      name: 'web',
      host: 'web.example.com',
      port: 'http',
      ingressClassName: 'nginx',
      tlsSecret: 'web-tls',
    });
    expect(body.spec?.ingressClassName).toBe('nginx');
    expect(body.spec?.tls).toEqual([{ hosts: ['web.example.com'], secretName: 'web-tls' }]);
    expect(body.spec?.rules?.[0]?.http?.paths[0]?.backend.service?.port).toEqual({ name: 'http' });
  });

  it('validates host, path and port', () => {
    expect(hostProblem('*.example.com')).toBeUndefined();
    expect(hostProblem('Bad_Host')).toBe('host');
    expect(pathProblem('api')).toBe('path');
    expect(ingressPortProblem('0')).toBe('port');
    expect(ingressPortProblem('')).toBe('required');
  });
});
