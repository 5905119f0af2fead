/**
 * Compute acceptance on real QEMU guests, one guest shared through the file: the seeds' quick
 * start via kubectl, serial login, a restart-awaiting change applied by a Restart VMOP, an
 * Evict live migration, and a cancelled migration.
 */
import { describe, expect, it } from 'vitest';
import { SerialConsole } from '@dvp/hypervisor-agent/testing/serial-console';
import type { KubeObject } from '../src/apiserver/types.ts';
import { useTestSandbox } from './harness.ts';
import {
  apply,
  cond,
  k,
  login,
  NS,
  phase,
  readyDisk,
  readyImage,
  statusOf,
  vmop,
  vmYaml,
  waitVm,
  uidOf,
} from './compute-support.ts';
import { testClient } from './wait.ts';
import { refOf } from '../src/controllers/runtime/client.ts';

const DVP = 'virtualization.deckhouse.io';

describe('compute: a VM on a real guest', () => {
  const sandbox = useTestSandbox();
  let con: SerialConsole | undefined;
  const shell = (): SerialConsole => {
    if (!con) throw new Error('no serial console: the quick-start test logs in first');
    return con;
  };

  it('quick start: image from the catalogue, disk, VM with the seed cloud-init; Running with node and IP; cloud/cloud logs in', async () => {
    const sb = sandbox();
    await readyImage(sb, 'demo');
    await readyDisk(sb, 'linux-disk', 'demo');
    await apply(sb, 'vm', vmYaml('linux-vm', 'linux-disk'));
    const vm = await waitVm(
      sb,
      'linux-vm',
      (o) => phase(o) === 'Running' && !!statusOf(o).ipAddress,
    );
    const st = statusOf(vm);
    expect(st.nodeName).toMatch(/^sandbox-node-\d$/);
    expect(cond(vm, 'BlockDevicesReady')?.status).toBe('True');
    expect(cond(vm, 'Migratable')?.status).toBe('True');
    const table = await k(sb, ['get', 'vi,vd,vm', '-n', NS]);
    expect(table).toMatch(/virtualimage\S*\/demo\s+Ready/);
    expect(table).toMatch(/virtualdisk\S*\/linux-disk\s+Ready/);
    expect(table).toMatch(
      new RegExp(`linux-vm\\s+Running.*${st.nodeName}\\s+${st.ipAddress?.replaceAll('.', '\\.')}`),
    );
    con = await login(sb, 'linux-vm');
    expect(await con.run('id -un')).toContain('cloud');
    // qemu-ga answers: guestOSInfo and AgentReady.
    const withAgent = await waitVm(sb, 'linux-vm', (o) => cond(o, 'AgentReady')?.status === 'True');
    expect(
      (withAgent.status as { guestOSInfo?: { name?: string } }).guestOSInfo?.name,
    ).toBeTruthy();
  }, 600_000);

  it('cores 1→2 waits for a restart (NEED RESTART True); a Restart VMOP applies it and the guest sees 2 CPUs', async () => {
    const sb = sandbox();
    await k(sb, [
      'patch',
      'vm',
      'linux-vm',
      '-n',
      NS,
      '--type',
      'merge',
      '-p',
      '{"spec":{"cpu":{"cores":2}}}',
    ]);
    const vm = await waitVm(
      sb,
      'linux-vm',
      (o) => (statusOf(o).restartAwaitingChanges?.length ?? 0) > 0,
    );
    expect(statusOf(vm).restartAwaitingChanges).toEqual([
      { operation: 'replace', path: 'cpu.cores', currentValue: 1, desiredValue: 2 },
    ]);
    const table = await k(sb, ['get', 'vm', 'linux-vm', '-n', NS, '-o', 'wide']);
    expect(table.split('\n')[0]).toMatch(/CORES\s+COREFRACTION\s+MEMORY\s+NEED RESTART/);
    expect(table.split('\n')[1]).toMatch(/Running\s+\S+\s+1\s+20%\s+256Mi\s+True/);
    con?.detach();
    const op = await vmop(sb, 'restart-1', 'linux-vm', 'Restart');
    expect(phase(op)).toBe('Completed');
    const after = await waitVm(
      sb,
      'linux-vm',
      (o) => phase(o) === 'Running' && !statusOf(o).restartAwaitingChanges,
    );
    expect(cond(after, 'AwaitingRestartToApplyConfiguration')?.status).toBe('False');
    con = await login(sb, 'linux-vm');
    expect((await con.run('nproc')).trim()).toBe('2');
  }, 600_000);

  it('Evict: Running → Migrating → Running on the other node; uptime continues, the console answers', async () => {
    const sb = sandbox();
    const before = statusOf(await waitVm(sb, 'linux-vm')).nodeName;
    const up1 = Number.parseFloat(
      /\d+\.\d+/.exec(await shell().run('cut -d" " -f1 /proc/uptime'))?.[0] ?? '',
    );
    expect(up1).toBeGreaterThan(0);
    const phases: string[] = [];
    const watching = waitVm(
      sb,
      'linux-vm',
      (o) => phase(o) === 'Running' && statusOf(o).nodeName !== before,
      {
        onChange: (o) => {
          if (phases.at(-1) !== phase(o)) phases.push(phase(o) ?? '');
        },
      },
    );
    const op = await vmop(sb, 'evict-1', 'linux-vm', 'Evict');
    expect(phase(op)).toBe('Completed');
    expect((op.status as { progress?: string }).progress).toBe('100%');
    const vm = await watching;
    expect(phases).toEqual(expect.arrayContaining(['Running', 'Migrating']));
    expect(phases.indexOf('Migrating')).toBeGreaterThan(phases.indexOf('Running'));
    expect(statusOf(vm).migrationState).toMatchObject({
      result: 'Succeeded',
      source: { node: before },
    });
    const loc = sb.nodes.locate(await uidOf(sb, 'linux-vm'));
    expect(loc?.node).toBe(statusOf(vm).nodeName);
    // The serial stream now comes from the target QEMU; the logged-in shell is still there.
    shell().detach();
    if (!loc) throw new Error('the VM has no guest after the migration');
    con = await SerialConsole.open(loc.guest.serial);
    const up2 = Number.parseFloat(
      /\d+\.\d+/.exec(await con.run('cut -d" " -f1 /proc/uptime'))?.[0] ?? '',
    );
    expect(up2).toBeGreaterThan(up1);
  }, 600_000);

  it('deleting a Migrate VMOP mid-migration cancels it: the VM stays Running on its node', async () => {
    const sb = sandbox();
    const source = statusOf(await waitVm(sb, 'linux-vm')).nodeName;
    const c = testClient(sb);
    const ref = refOf(DVP, 'VirtualMachineOperation');
    const migrating = waitVm(sb, 'linux-vm', (o) => phase(o) === 'Migrating');
    await apply(
      sb,
      'vmop-mig',
      `apiVersion: ${DVP}/v1alpha2\nkind: VirtualMachineOperation\nmetadata: {name: migrate-1, namespace: ${NS}}\nspec: {type: Migrate, virtualMachineName: linux-vm}\n`,
    );
    await migrating;
    await c.delete(ref, 'migrate-1', NS);
    const vm: KubeObject = await waitVm(
      sb,
      'linux-vm',
      (o) => phase(o) === 'Running' && statusOf(o).migrationState?.result === 'Failed',
    );
    expect(statusOf(vm).nodeName).toBe(source);
    expect(sb.nodes.locate(await uidOf(sb, 'linux-vm'))?.node).toBe(source);
    expect((await shell().run('echo alive')).trim()).toBe('alive');
    c.close();
    con?.detach();
  }, 600_000);
});
