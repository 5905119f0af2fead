import { validateDns1123Subdomain, type Ingress, type KubeObject } from '@dvp/api';

export const PATH_TYPES = ['Prefix', 'Exact', 'ImplementationSpecific'] as const;
export type PathType = (typeof PATH_TYPES)[number];

/** The Create Ingress form (seed 000 "Publish virtual machine services using Ingress"). */
export interface IngressValues {
  name: string;
  host: string;
  path: string;
  pathType: PathType;
  service: string;
  /** A port number, or a port name of the service. */
  port: string;
  ingressClassName: string;
  tlsSecret: string;
}

export const defaultIngressValues = (service = ''): IngressValues => ({
  name: '',
  host: '',
  path: '/',
  pathType: 'Prefix',
  service,
  port: '',
  ingressClassName: '',
  tlsSecret: '',
});

export type IngressProblem = 'required' | 'name' | 'host' | 'path' | 'port';

export function ingressNameProblem(s: string): IngressProblem | undefined {
  if (!s.trim()) return 'required';
  return validateDns1123Subdomain(s.trim()).length ? 'name' : undefined;
}

/** A host is a DNS name, optionally with one leading `*.` (kube's wildcard rule). */
export function hostProblem(s: string): IngressProblem | undefined {
  const h = s.trim();
  if (!h) return undefined;
  const bare = h.startsWith('*.') ? h.slice(2) : h;
  return validateDns1123Subdomain(bare).length ? 'host' : undefined;
}

export function pathProblem(s: string): IngressProblem | undefined {
  return s.trim().startsWith('/') ? undefined : 'path';
}

export function ingressPortProblem(s: string): IngressProblem | undefined {
  const v = s.trim();
  if (!v) return 'required';
  if (/^[0-9]+$/.test(v)) return Number(v) >= 1 && Number(v) <= 65535 ? undefined : 'port';
  return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(v) && v.length <= 15 ? undefined : 'port';
}

/** The Ingress the form describes: one rule, one path, an optional TLS secret for the host. */
export function toIngressBody(v: IngressValues): Ingress {
  const port = v.port.trim();
  const host = v.host.trim();
  const backend = {
    service: {
      name: v.service,
      port: /^[0-9]+$/.test(port) ? { number: Number(port) } : { name: port },
    },
  };
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: v.name.trim() },
    spec: {
      ...(v.ingressClassName.trim() ? { ingressClassName: v.ingressClassName.trim() } : {}),
      ...(v.tlsSecret.trim()
        ? { tls: [{ ...(host ? { hosts: [host] } : {}), secretName: v.tlsSecret.trim() }] }
        : {}),
      rules: [
        {
          ...(host ? { host } : {}),
          http: { paths: [{ path: v.path.trim() || '/', pathType: v.pathType, backend }] },
        },
      ],
    },
  };
}

export const INGRESS_CAUSES: Record<string, string> = {
  'metadata.name': 'name',
  'spec.rules[0].host': 'host',
  'spec.rules[0].http.paths[0].path': 'path',
  'spec.rules[0].http.paths[0].pathType': 'pathType',
  'spec.rules[0].http.paths[0].backend.service.name': 'service',
  'spec.rules[0].http.paths[0].backend.service.port': 'port',
  'spec.rules[0].http.paths[0].backend': 'service',
  'spec.ingressClassName': 'ingressClassName',
  'spec.tls': 'tlsSecret',
};

/** One path of an Ingress, flattened for the list. */
export interface IngressRoute {
  host: string;
  path: string;
  service: string;
  port: string;
}

export function ingressRoutes(o: KubeObject): IngressRoute[] {
  const spec = (o as Ingress).spec;
  return (spec?.rules ?? []).flatMap((r) =>
    (r.http?.paths ?? []).map((p) => ({
      host: r.host ?? '*',
      path: p.path ?? '/',
      service: p.backend.service?.name ?? p.backend.resource?.name ?? '—',
      port: String(p.backend.service?.port?.number ?? p.backend.service?.port?.name ?? ''),
    })),
  );
}
