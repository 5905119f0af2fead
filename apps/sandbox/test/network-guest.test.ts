import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SerialConsole } from '@dvp/hypervisor-agent/testing/serial-console';
import { api, startTestSandbox, type TestSandbox } from './harness.ts';
import { manifestFile, kubectl, kubectls } from './harness.ts';
import { CLOUD_USER_DATA } from '@dvp/hypervisor-agent/testing/harness';
import { openStream, opened, serialOver } from './consoles-support.ts';
import { conditionOf, phaseOf, waitFor } from './wait.ts';

// Services select the running VM; hot-plug through VirtualMachineBlockDeviceAttachment on a VM run by the VM controller; the
// guest is inspected over the console subresource (the full flow).
const DVP = 'virtualization.deckhouse.io';
let sb: TestSandbox;
let serial: SerialConsole;
/** One line per virtio disk: `<dev> <serial>` (sysfs serials have no newline of their own). */
const SERIALS = 'for d in /sys/block/vd*; do echo "${d##*/} $(cat $d/serial 2>/dev/null)"; done';
const vmbda = (name: string) => ({
  group: DVP,
  kind: 'VirtualMachineBlockDeviceAttachment',
  name,
  namespace: 'demo',
});
const attachYaml = (name: string, kind: string, dev: string) => `apiVersion: ${DVP}/v1alpha2
kind: VirtualMachineBlockDeviceAttachment
metadata: {name: ${name}, namespace: demo}
spec:
  blockDeviceRef: {kind: ${kind}, name: ${dev}}
  virtualMachineName: hp-vm
`;

async function apply(name: string, yaml: string): Promise<void> {
  const r = await kubectl(kubectls['kubectl 1.32'], sb, [
    'apply',
    '-f',
    manifestFile(sb, `${name}.yaml`, yaml),
  ]);
  expect(r.code, r.stderr).toBe(0);
}

const ready = (kind: string, name: string) =>
  waitFor(sb, { group: DVP, kind, name, namespace: 'demo' }, (o) => phaseOf(o) === 'Ready', {
    timeoutMs: 180_000,
  });

const vmYaml = `apiVersion: ${DVP}/v1alpha2
kind: VirtualMachine
metadata: {name: hp-vm, namespace: demo, labels: {app: nginx}}
spec:
  virtualMachineClassName: generic
  terminationGracePeriodSeconds: 5
  cpu: {cores: 1, coreFraction: 20%}
  memory: {size: 256Mi}
  provisioning:
    type: UserData
    userData: |
${CLOUD_USER_DATA.split('\n')
  .map((l) => `      ${l}`)
  .join('\n')}
  blockDeviceRefs:
    - {kind: VirtualDisk, name: hp-root}
`;

beforeAll(async () => {
  sb = await startTestSandbox({ nodes: 1 });
  await apply(
    'disks',
    `apiVersion: ${DVP}/v1alpha2
kind: VirtualImage
metadata: {name: hp-img, namespace: demo}
spec:
  storage: ContainerRegistry
  dataSource:
    type: HTTP
    http: {url: "${sb.gatewayUrl}/catalogue/demo.qcow2"}
---
apiVersion: ${DVP}/v1alpha2
kind: VirtualDisk
metadata: {name: hp-root, namespace: demo}
spec:
  dataSource:
    type: ObjectRef
    objectRef: {kind: VirtualImage, name: hp-img}
---
apiVersion: ${DVP}/v1alpha2
kind: VirtualDisk
metadata: {name: hp-data, namespace: demo}
spec:
  persistentVolumeClaim: {size: 64Mi}
`,
  );
  await ready('VirtualDisk', 'hp-root');
  await ready('VirtualDisk', 'hp-data');
}, 240_000);

afterAll(async () => {
  await sb?.stop();
});

describe('VirtualMachineBlockDeviceAttachment', () => {
  it('waits for the VM, then hot-plugs the disk: the guest sees a new block device', async () => {
    await apply('hp-vm', vmYaml);
    await apply('attach-blank-disk', attachYaml('attach-blank-disk', 'VirtualDisk', 'hp-data'));
    const waiting = await waitFor(sb, vmbda('attach-blank-disk'), (o) => phaseOf(o) === 'Pending');
    expect(conditionOf(waiting, 'VirtualMachineReady')?.status).toBe('False');
    await waitFor(
      sb,
      { group: DVP, kind: 'VirtualMachine', name: 'hp-vm', namespace: 'demo' },
      (o) => phaseOf(o) === 'Running',
      { timeoutMs: 180_000 },
    );
    const ws = openStream(sb, sb.tokens.dave ?? '', 'demo', 'hp-vm', 'console');
    await opened(ws);
    serial = await serialOver(ws);
    await serial.login('cloud', 'cloud', 180_000);

    const attached = await waitFor(
      sb,
      vmbda('attach-blank-disk'),
      (o) => phaseOf(o) === 'Attached',
      {
        timeoutMs: 120_000,
      },
    );
    expect(attached.status).toMatchObject({ virtualMachineName: 'hp-vm' });
    expect(conditionOf(attached, 'Attached')).toMatchObject({ status: 'True', reason: 'Attached' });
    expect(conditionOf(attached, 'BlockDeviceReady')?.status).toBe('True');
    await expect.poll(() => serial.run(SERIALS), { timeout: 30_000 }).toContain('vd-hp-data');
    const dev = /(vd[a-z]+) vd-hp-data/.exec(await serial.run(SERIALS))?.[1] ?? '';
    const size = await serial.run(`cat /sys/block/${dev}/size`);
    expect(Number(size.trim()) * 512, size).toBe(64 * 1024 * 1024);
  }, 420_000);

  it('fails with Conflict for a device the VM already has', async () => {
    await apply('dup', attachYaml('dup', 'VirtualDisk', 'hp-root'));
    const failed = await waitFor(sb, vmbda('dup'), (o) => phaseOf(o) === 'Failed');
    expect(conditionOf(failed, 'Attached')).toMatchObject({ status: 'False', reason: 'Conflict' });
    expect(conditionOf(failed, 'Attached')?.message).toContain('spec.blockDeviceRefs');
  });

  it('detaches the disk when the attachment is deleted', async () => {
    const del = await api(
      sb,
      'DELETE',
      `/apis/${DVP}/v1alpha2/namespaces/demo/virtualmachineblockdeviceattachments/attach-blank-disk`,
    );
    expect(del.status).toBe(200);
    await expect
      .poll(
        async () =>
          (
            await api(
              sb,
              'GET',
              `/apis/${DVP}/v1alpha2/namespaces/demo/virtualmachineblockdeviceattachments/attach-blank-disk`,
            )
          ).status,
        { timeout: 60_000 },
      )
      .toBe(404);
    expect(await serial.run(SERIALS)).not.toContain('vd-hp-data');
  }, 90_000);
});

describe('Services', () => {
  it('lists the Running VMs a Service selects in its Endpoints and EndpointSlice', async () => {
    const vm = await waitFor(
      sb,
      { group: DVP, kind: 'VirtualMachine', name: 'hp-vm', namespace: 'demo' },
      (o) => !!(o.status as { ipAddress?: string }).ipAddress,
    );
    const ip = (vm.status as { ipAddress: string }).ipAddress;
    // A matching VM that is not running is not an endpoint.
    await apply(
      'services',
      `apiVersion: ${DVP}/v1alpha2
kind: VirtualMachine
metadata: {name: idle-vm, namespace: demo, labels: {app: nginx}}
spec:
  virtualMachineClassName: generic
  runPolicy: AlwaysOff
  cpu: {cores: 1, coreFraction: 20%}
  memory: {size: 256Mi}
  blockDeviceRefs:
    - {kind: VirtualDisk, name: idle-root}
---
apiVersion: v1
kind: Service
metadata: {name: http, namespace: demo}
spec:
  clusterIP: None
  selector: {app: nginx}
  ports:
    - {name: http, port: 80, targetPort: 8080}
`,
    );
    const ep = await waitFor(
      sb,
      { group: '', kind: 'Endpoints', name: 'http', namespace: 'demo' },
      (o) => ((o as { subsets?: unknown[] }).subsets ?? []).length > 0,
    );
    const subsets = (
      ep as unknown as {
        subsets: {
          addresses: { ip: string; targetRef: { kind: string; name: string } }[];
          ports: unknown[];
        }[];
      }
    ).subsets;
    expect(subsets).toHaveLength(1);
    expect(subsets[0]?.addresses.map((a) => [a.ip, a.targetRef.kind, a.targetRef.name])).toEqual([
      [ip, 'VirtualMachine', 'hp-vm'],
    ]);
    expect(subsets[0]?.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    const r = await kubectl(kubectls['kubectl 1.32'], sb, [
      'get',
      'endpoints',
      'http',
      '-n',
      'demo',
    ]);
    expect(r.stdout).toContain(`${ip}:8080`);
    const slices = await api(
      sb,
      'GET',
      '/apis/discovery.k8s.io/v1/namespaces/demo/endpointslices?labelSelector=kubernetes.io/service-name=http',
    );
    const items = (slices.json as { items: { endpoints: { addresses: string[] }[] }[] }).items;
    expect(items.map((i) => i.endpoints.map((e) => e.addresses[0]))).toEqual([[ip]]);

    // Unlabelling the VM takes it out of the Service.
    const un = await kubectl(kubectls['kubectl 1.32'], sb, [
      'label',
      'vm',
      'hp-vm',
      'app-',
      '-n',
      'demo',
    ]);
    expect(un.code, un.stderr).toBe(0);
    await waitFor(
      sb,
      { group: '', kind: 'Endpoints', name: 'http', namespace: 'demo' },
      (o) => ((o as { subsets?: unknown[] }).subsets ?? []).length === 0,
    );
  }, 60_000);
});
