import {
  parseLabelSelector,
  validateDns1035Label,
  validateLabelValue,
  validateQualifiedName,
  type KubeObject,
  type Service,
} from '@dvp/api';

/** The seeds' four ways to publish VMs: headless is a ClusterIP service with `clusterIP: None`. */
export const SERVICE_KINDS = ['ClusterIP', 'Headless', 'NodePort', 'LoadBalancer'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];
export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export interface SelectorRow {
  key: string;
  value: string;
}
export interface PortRow {
  name: string;
  port: string;
  targetPort: string;
  protocol: Protocol;
  nodePort: string;
}
/** The Create Service form, as the user sees it (strings as typed). */
export interface ServiceValues {
  name: string;
  kind: ServiceKind;
  selector: SelectorRow[];
  ports: PortRow[];
}

export const emptyPort = (): PortRow => ({
  name: '',
  port: '',
  targetPort: '',
  protocol: 'TCP',
  nodePort: '',
});

export const defaultServiceValues = (): ServiceValues => ({
  name: '',
  kind: 'ClusterIP',
  selector: [{ key: '', value: '' }],
  ports: [emptyPort()],
});

export const hasNodePorts = (kind: ServiceKind) => kind === 'NodePort' || kind === 'LoadBalancer';

/** Field problems, as message ids of the `network.err.*` family (the form translates them). */
export type Problem =
  | 'required'
  | 'serviceName'
  | 'labelKey'
  | 'labelValue'
  | 'duplicateKey'
  | 'port'
  | 'targetPort'
  | 'nodePort'
  | 'portName'
  | 'portNameRequired'
  | 'duplicatePort';

export function nameProblem(name: string): Problem | undefined {
  if (!name.trim()) return 'required';
  return validateDns1035Label(name.trim()).length ? 'serviceName' : undefined;
}

export function keyProblem(rows: SelectorRow[], i: number): Problem | undefined {
  const key = rows[i]?.key.trim() ?? '';
  if (!key) return rows[i]?.value.trim() ? 'required' : undefined;
  if (validateQualifiedName(key).length) return 'labelKey';
  return rows.findIndex((r) => r.key.trim() === key) < i ? 'duplicateKey' : undefined;
}

export function valueProblem(value: string): Problem | undefined {
  return validateLabelValue(value.trim()).length ? 'labelValue' : undefined;
}

const isInt = (s: string) => /^[0-9]+$/.test(s);
const inRange = (s: string, min: number, max: number) =>
  isInt(s) && Number(s) >= min && Number(s) <= max;
/** An IANA service name, as kube allows for a named `targetPort`. */
const PORT_NAME = /^(?=.*[a-z])[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const isPortName = (s: string) => s.length <= 15 && PORT_NAME.test(s) && !s.includes('--');

export function portProblem(s: string): Problem | undefined {
  if (!s.trim()) return 'required';
  return inRange(s.trim(), 1, 65535) ? undefined : 'port';
}
export function targetPortProblem(s: string): Problem | undefined {
  const v = s.trim();
  if (!v) return undefined;
  return inRange(v, 1, 65535) || isPortName(v) ? undefined : 'targetPort';
}
export function nodePortProblem(s: string): Problem | undefined {
  const v = s.trim();
  if (!v) return undefined;
  return inRange(v, 30000, 32767) ? undefined : 'nodePort';
}
/** Names are optional for one port and required (and unique) once there are several. */
export function portNameProblem(ports: PortRow[], i: number): Problem | undefined {
  const name = ports[i]?.name.trim() ?? '';
  if (!name) return ports.length > 1 ? 'portNameRequired' : undefined;
  if (!isPortName(name) && validateDns1035Label(name).length) return 'portName';
  return ports.findIndex((p) => p.name.trim() === name) < i ? 'duplicatePort' : undefined;
}

/** The selector rows as a map: rows with a key; invalid rows are left to their field errors. */
export function selectorMap(rows: SelectorRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  rows.forEach((r, i) => {
    const key = r.key.trim();
    if (key && !keyProblem(rows, i) && !valueProblem(r.value)) out[key] = r.value.trim();
  });
  return out;
}

/** A `spec.selector` map as a label selector query (`app=nginx,tier=web`); undefined when empty. */
export function selectorQuery(selector: Record<string, string> | undefined): string | undefined {
  const pairs = Object.entries(selector ?? {});
  if (!pairs.length) return undefined;
  const text = pairs.map(([k, v]) => `${k}=${v}`).join(',');
  try {
    parseLabelSelector(text);
    return text;
  } catch {
    return undefined;
  }
}

const toIntOrName = (s: string) => (isInt(s) ? Number(s) : s);

/** The Service the form describes. */
export function toServiceBody(v: ServiceValues): Service {
  const selector = selectorMap(v.selector);
  const ports = v.ports
    .filter((p) => p.port.trim())
    .map((p) => ({
      ...(p.name.trim() ? { name: p.name.trim() } : {}),
      protocol: p.protocol,
      port: Number(p.port.trim()),
      ...(p.targetPort.trim() ? { targetPort: toIntOrName(p.targetPort.trim()) } : {}),
      ...(hasNodePorts(v.kind) && p.nodePort.trim() ? { nodePort: Number(p.nodePort.trim()) } : {}),
    }));
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: v.name.trim() },
    spec: {
      type: v.kind === 'Headless' ? 'ClusterIP' : v.kind,
      ...(v.kind === 'Headless' ? { clusterIP: 'None' } : {}),
      ...(Object.keys(selector).length ? { selector } : {}),
      ...(ports.length ? { ports } : {}),
    },
  };
}

/** Where the cluster's causes land in the form (per port row). */
export function serviceCauseFields(v: ServiceValues): Record<string, string> {
  const map: Record<string, string> = {
    'metadata.name': 'name',
    'spec.clusterIP': 'kind',
    'spec.type': 'kind',
    'spec.selector': 'selector.root',
    'spec.ports': 'ports.root',
  };
  v.ports.forEach((_, i) => {
    for (const f of ['name', 'port', 'targetPort', 'protocol', 'nodePort'])
      map[`spec.ports[${i}].${f}`] = `ports.${i}.${f}`;
  });
  return map;
}

/** How the seeds name a service's kind (headless = `clusterIP: None`). */
export function serviceKindOf(svc: KubeObject): ServiceKind | 'ExternalName' {
  const spec = (svc as Service).spec;
  if (spec?.type === 'ExternalName') return 'ExternalName';
  if (spec?.clusterIP === 'None') return 'Headless';
  return spec?.type ?? 'ClusterIP';
}

/** `80/TCP`, `80:31880/TCP → 8080` (port, node port, protocol, target). */
export function portText(p: NonNullable<NonNullable<Service['spec']>['ports']>[number]): string {
  const base = `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`;
  const target = p.targetPort !== undefined && String(p.targetPort) !== String(p.port);
  return target ? `${base} → ${String(p.targetPort)}` : base;
}
