import { describe, expect, it } from 'vitest';
import {
  defaultServiceValues,
  keyProblem,
  nodePortProblem,
  portNameProblem,
  portText,
  selectorMap,
  selectorQuery,
  serviceCauseFields,
  serviceKindOf,
  targetPortProblem,
  toServiceBody,
  type ServiceValues,
} from './service-model.ts';

const values = (over: Partial<ServiceValues>): ServiceValues => ({
  ...defaultServiceValues(),
  name: 'linux-vm-nginx',
  selector: [{ key: 'app', value: 'nginx' }],
  ports: [{ name: '', port: '80', targetPort: '80', protocol: 'TCP', nodePort: '' }],
  ...over,
});

describe('the Create Service form', () => {
  it('builds the seeds’ ClusterIP service', () => {
    expect(toServiceBody(values({}))).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'linux-vm-nginx' },
      spec: {
        type: 'ClusterIP',
        selector: { app: 'nginx' },
        ports: [{ protocol: 'TCP', port: 80, targetPort: 80 }],
      },
    });
  });

  it('builds a headless service (clusterIP: None) without ports', () => {
    const body = toServiceBody(values({ kind: 'Headless', ports: [] }));
    expect(body.spec).toEqual({ type: 'ClusterIP', clusterIP: 'None', selector: { app: 'nginx' } });
    expect(serviceKindOf(body)).toBe('Headless');
  });

  it('keeps node ports only for NodePort and LoadBalancer; named target ports stay names', () => {
    const ports = [
      { name: 'http', port: '80', targetPort: 'web', protocol: 'TCP' as const, nodePort: '31880' },
    ];
    expect(toServiceBody(values({ kind: 'NodePort', ports })).spec?.ports).toEqual([
      { name: 'http', protocol: 'TCP', port: 80, targetPort: 'web', nodePort: 31880 },
    ]);
    expect(toServiceBody(values({ kind: 'ClusterIP', ports })).spec?.ports?.[0]?.nodePort).toBe(
      undefined,
    );
  });

  it('turns only valid selector rows into the selector and its query', () => {
    const rows = [
      { key: 'app', value: 'nginx' },
      { key: '', value: '' },
      { key: 'bad key', value: 'x' },
      { key: 'app', value: 'dup' },
    ];
    expect(selectorMap(rows)).toEqual({ app: 'nginx' });
    expect(keyProblem(rows, 2)).toBe('labelKey');
    expect(keyProblem(rows, 3)).toBe('duplicateKey');
    expect(keyProblem([{ key: '', value: 'x' }], 0)).toBe('required');
    expect(selectorQuery({ app: 'nginx', tier: 'web' })).toBe('app=nginx,tier=web');
    expect(selectorQuery({})).toBeUndefined();
  });

  it('validates ports as kube does', () => {
    expect(targetPortProblem('8080')).toBeUndefined();
    expect(targetPortProblem('http')).toBeUndefined();
    expect(targetPortProblem('70000')).toBe('targetPort');
    expect(nodePortProblem('31880')).toBeUndefined();
    expect(nodePortProblem('8080')).toBe('nodePort');
    const two = values({}).ports.concat(values({}).ports);
    expect(portNameProblem(two, 0)).toBe('portNameRequired');
  });

  it('maps the cluster’s port causes to the row fields', () => {
    const map = serviceCauseFields(values({}));
    expect(map['spec.ports[0].nodePort']).toBe('ports.0.nodePort');
    expect(map['metadata.name']).toBe('name');
  });

  it('prints ports like kubectl', () => {
    expect(portText({ port: 80, protocol: 'TCP', nodePort: 31880, targetPort: 80 })).toBe(
      '80:31880/TCP',
    );
    expect(portText({ port: 80, targetPort: 8080 })).toBe('80/TCP → 8080');
  });
});
