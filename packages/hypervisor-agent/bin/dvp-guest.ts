#!/usr/bin/env -S node --import tsx
/**
 * Manual use of the agent: start a guest from a disk image (or ISO) and attach to its serial
 * console. Ctrl+] detaches and stops the guest (ACPI power button, then quit).
 *
 *   pnpm --filter @dvp/hypervisor-agent guest -- run --disk .cache/guest-images/demo.qcow2
 *   pnpm --filter @dvp/hypervisor-agent guest -- run --iso .cache/guest-images/demo.iso \
 *     --user-data ./user-data.yaml --ip 10.66.0.23
 *
 * By default the disk is protected by a throw-away qcow2 overlay in the runtime directory
 * (`--in-place` writes to it directly).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { HypervisorAgent } from '../src/agent.ts';
import type { GuestDiskSpec, GuestSpec } from '../src/guest/spec.ts';
import { createOverlay, imageInfo } from '../src/images/qemu-img.ts';
import { ConsoleServer } from '../src/streams/ws-server.ts';

const USAGE = `usage: dvp-guest run (--disk FILE | --iso FILE) [options]
  --disk FILE        boot disk image (qcow2 or raw)
  --iso FILE         ISO image, attached as CD-ROM (boots from it when no --disk)
  --memory MIB       guest RAM (default 128)
  --cores N          vCPUs, DVP topology (default 1)
  --user-data FILE   cloud-init user data for a NoCloud seed disk
  --ip ADDR          leased IPv4 address handed out by DHCP (default 10.66.0.23)
  --name NAME        guest id (default dvp-guest)
  --runtime DIR      runtime directory (default: a temporary one)
  --in-place         write to --disk directly instead of a throw-away overlay
  --websocket        also serve the serial and VNC consoles on ws://127.0.0.1
Ctrl+] detaches and stops the guest.`;

const base = process.env.INIT_CWD ?? process.cwd();

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      disk: { type: 'string' },
      iso: { type: 'string' },
      memory: { type: 'string', default: '128' },
      cores: { type: 'string', default: '1' },
      'user-data': { type: 'string' },
      ip: { type: 'string', default: '10.66.0.23' },
      name: { type: 'string', default: 'dvp-guest' },
      runtime: { type: 'string' },
      'in-place': { type: 'boolean', default: false },
      websocket: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || positionals[0] !== 'run' || (!values.disk && !values.iso)) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const runtime = values.runtime
    ? resolve(base, values.runtime)
    : mkdtempSync(join(tmpdir(), 'dvp-guest-'));
  const agent = new HypervisorAgent({ runtimeDir: runtime });
  const disks: GuestDiskSpec[] = [];
  if (values.disk) {
    let path = resolve(base, values.disk);
    if (!values['in-place']) {
      const overlay = join(runtime, `${values.name}-overlay.qcow2`);
      const info = await imageInfo(path);
      await createOverlay(overlay, path, {
        backingFormat: info.format === 'qcow2' ? 'qcow2' : 'raw',
      });
      path = overlay;
    }
    disks.push({ id: 'disk', path, kind: 'disk' });
  }
  if (values.iso) disks.push({ id: 'iso', path: resolve(base, values.iso), kind: 'image' });
  const spec: GuestSpec = {
    id: values.name,
    cpu: { cores: Number(values.cores) },
    memoryMiB: Number(values.memory),
    disks,
    nics: [{ id: 'main', ip: values.ip }],
    ...(values['user-data']
      ? { cloudInit: { userData: readFileSync(resolve(base, values['user-data']), 'utf8') } }
      : {}),
  };
  const status = await agent.start(spec);
  const guest = agent.require(spec.id);
  console.error(`dvp-guest: ${spec.id} running (pid ${status.pid}, runtime ${status.paths.dir})`);
  let server: ConsoleServer | undefined;
  if (values.websocket) {
    server = await ConsoleServer.listen({ resolveGuest: (id) => agent.get(id) });
    console.error(`dvp-guest: serial ${server.url(spec.id, 'serial')}`);
    console.error(`dvp-guest: vnc    ${server.url(spec.id, 'vnc')}`);
  }
  console.error('dvp-guest: attached to the serial console; Ctrl+] to stop');
  const attachment = await guest.serial.attach(
    {
      send: (data) => process.stdout.write(data),
      close: (_code, reason) => console.error(`\r\ndvp-guest: console closed: ${reason}`),
    },
    { scrollbackBytes: 64 * 1024 },
  );
  const stdin = process.stdin;
  if (stdin.isTTY) stdin.setRawMode(true);
  stdin.resume();
  const detached = new Promise<void>((done) => {
    stdin.on('data', (chunk: Buffer) => {
      if (chunk.includes(0x1d)) done();
      else attachment.write(chunk);
    });
    void guest.exited.then(() => done());
  });
  await detached;
  if (stdin.isTTY) stdin.setRawMode(false);
  stdin.pause();
  attachment.detach();
  const exit = guest.isAlive()
    ? await agent.stop(spec.id, { timeoutMs: 20_000 })
    : await guest.exited;
  console.error(`\r\ndvp-guest: ${spec.id} ${exit.phase} (${exit.reason})`);
  await server?.close();
  await agent.close();
  if (!values.runtime) rmSync(runtime, { recursive: true, force: true });
  return exit.crashed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`dvp-guest: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
