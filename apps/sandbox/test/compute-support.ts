/**
 * Shared steps of the compute tests: a ready image and disk from the sandbox's catalogue, VMs
 * applied with kubectl, waits on VM phases, and serial-console access to the guest.
 */
import { SerialConsole } from '@dvp/hypervisor-agent/testing/serial-console';
import type { KubeObject } from '../src/apiserver/types.ts';
import { refOf } from '../src/controllers/runtime/client.ts';
import { kubectl, kubectls, manifestFile, type TestSandbox } from './harness.ts';
import { testClient, waitFor } from './wait.ts';

const DVP = 'virtualization.deckhouse.io';
export const NS = 'demo';

/** The seed's cloud-init (000 "Quick start"): user `cloud` with password `cloud`. */
export const SEED_USER_DATA = `#cloud-config
ssh_pwauth: True
users:
  - name: cloud
    passwd: "$6$rounds=4096$saltsalt$fPmUsbjAuA7mnQNTajQM6ClhesyG0.yyQhvahas02ejfMAq1ykBo1RquzS0R6GgdIDlvS.kbUwDablGZKZcTP/"
    shell: /bin/bash
    sudo: ALL=(ALL) NOPASSWD:ALL
    lock_passwd: False
`;

/** Runs kubectl as admin and fails with its stderr. */
export async function k(sb: TestSandbox, args: string[], stdin?: string): Promise<string> {
  const res = await kubectl(kubectls['kubectl 1.32'], sb, args, {
    timeoutMs: 60_000,
    ...(stdin !== undefined ? { input: stdin } : {}),
  });
  if (res.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${res.stderr}`);
  return res.stdout;
}

/** `kubectl apply -f` of a YAML text. */
export async function apply(sb: TestSandbox, name: string, yaml: string): Promise<string> {
  return k(sb, ['apply', '-f', manifestFile(sb, `${name}.yaml`, yaml)]);
}

/**
 * A VirtualImage from the sandbox's catalogue (`<gateway>/catalogue/demo.qcow2`), Ready.
 */
export async function readyImage(sb: TestSandbox, name: string): Promise<void> {
  await apply(
    sb,
    `vi-${name}`,
    `apiVersion: ${DVP}/v1alpha2
kind: VirtualImage
metadata: {name: ${name}, namespace: ${NS}}
spec:
  storage: ContainerRegistry
  dataSource:
    type: HTTP
    http: {url: "${sb.gatewayUrl}/catalogue/demo.qcow2"}
`,
  );
  await waitFor(
    sb,
    { group: DVP, kind: 'VirtualImage', name, namespace: NS },
    (o) => phase(o) === 'Ready',
    {
      timeoutMs: 120_000,
    },
  );
}

/** A VirtualDisk from a VirtualImage, Ready. `storageClass` picks shared (default) or local. */
export async function readyDisk(
  sb: TestSandbox,
  name: string,
  image: string,
  storageClass?: string,
) {
  await apply(
    sb,
    `vd-${name}`,
    `apiVersion: ${DVP}/v1alpha2
kind: VirtualDisk
metadata: {name: ${name}, namespace: ${NS}}
spec:
  ${storageClass ? `persistentVolumeClaim: {storageClassName: ${storageClass}}` : ''}
  dataSource:
    type: ObjectRef
    objectRef: {kind: VirtualImage, name: ${image}}
`,
  );
  await waitFor(
    sb,
    { group: DVP, kind: 'VirtualDisk', name, namespace: NS },
    (o) => phase(o) === 'Ready',
    {
      timeoutMs: 120_000,
    },
  );
}

/** A small VM manifest (1 core at 20%, 256Mi) on `disk`, with the seed's cloud-init. */
export function vmYaml(
  name: string,
  disk: string,
  extra: { runPolicy?: string; spec?: string; labels?: Record<string, string> } = {},
): string {
  const labels = Object.entries(extra.labels ?? {})
    .map(([a, b]) => `${a}: "${b}"`)
    .join(', ');
  return `apiVersion: ${DVP}/v1alpha2
kind: VirtualMachine
metadata: {name: ${name}, namespace: ${NS}${labels ? `, labels: {${labels}}` : ''}}
spec:
  virtualMachineClassName: generic
  runPolicy: ${extra.runPolicy ?? 'AlwaysOnUnlessStoppedManually'}
  terminationGracePeriodSeconds: 5
  cpu: {cores: 1, coreFraction: 20%}
  memory: {size: 256Mi}
${extra.spec ?? ''}  provisioning:
    type: UserData
    userData: |
${SEED_USER_DATA.split('\n')
  .map((l) => `      ${l}`)
  .join('\n')}
  blockDeviceRefs:
    - {kind: VirtualDisk, name: ${disk}}
`;
}

export const phase = (o: KubeObject): string | undefined =>
  (o.status as { phase?: string } | undefined)?.phase;
export const statusOf = (o: KubeObject) =>
  (o.status ?? {}) as {
    phase?: string;
    nodeName?: string;
    ipAddress?: string;
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
    restartAwaitingChanges?: { path: string; currentValue?: unknown; desiredValue?: unknown }[];
    migrationState?: { result?: string; source?: { node?: string }; target?: { node?: string } };
  };
export const cond = (o: KubeObject, type: string) =>
  statusOf(o).conditions?.find((c) => c.type === type);

/** Waits for a VM to satisfy `pred` (default: Running with a node). */
export function waitVm(
  sb: TestSandbox,
  name: string,
  pred: (o: KubeObject) => boolean = (o) => phase(o) === 'Running' && !!statusOf(o).nodeName,
  opts: { timeoutMs?: number; onChange?: (o: KubeObject) => void } = {},
): Promise<KubeObject> {
  return waitFor(sb, { group: DVP, kind: 'VirtualMachine', name, namespace: NS }, pred, {
    timeoutMs: 180_000,
    ...opts,
  });
}

/** Creates a VMOP and waits until it finishes; returns it. */
export async function vmop(
  sb: TestSandbox,
  name: string,
  vm: string,
  type: string,
  extra = '',
  timeoutMs = 240_000,
): Promise<KubeObject> {
  await apply(
    sb,
    `vmop-${name}`,
    `apiVersion: ${DVP}/v1alpha2
kind: VirtualMachineOperation
metadata: {name: ${name}, namespace: ${NS}}
spec: {type: ${type}, virtualMachineName: ${vm}${extra}}
`,
  );
  return waitFor(
    sb,
    { group: DVP, kind: 'VirtualMachineOperation', name, namespace: NS },
    (o) => ['Completed', 'Failed'].includes(phase(o) ?? ''),
    { timeoutMs },
  );
}

/** The VM's uid. */
export async function uidOf(sb: TestSandbox, vm: string): Promise<string> {
  const c = testClient(sb);
  const obj = await c.get(refOf(DVP, 'VirtualMachine'), vm, NS);
  c.close();
  return obj?.metadata.uid ?? '';
}

/** A serial console on the VM's guest, logged in as the seed's `cloud` user. */
export async function login(sb: TestSandbox, vm: string): Promise<SerialConsole> {
  const loc = sb.nodes.locate(await uidOf(sb, vm));
  if (!loc) throw new Error(`VM ${vm} has no running guest`);
  const con = await SerialConsole.open(loc.guest.serial);
  await con.login('cloud', 'cloud', 240_000);
  return con;
}
