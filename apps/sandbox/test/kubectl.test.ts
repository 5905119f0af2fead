import { spawn } from 'node:child_process';
import { seedManifests } from '@dvp/api/seed-manifests/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectl, kubectls, manifestFile, startTestSandbox } from './harness.ts';

/**
 * Real kubectl (Debian's 1.20 and a current 1.32) against a fresh sandbox: the seeds' manifests and
 * the everyday commands. Each kubectl gets its own sandbox, so the runs are independent.
 */

/**
 * Seed examples that fail when applied after the others, with the rule the documentation states.
 * Seed 000's VirtualMachineIPAddress takes 10.66.20.77; seed 002's ModuleConfig then lists only
 * 10.66.10.0/24, and seed 002 says "It is forbidden to delete subnets if addresses from them have
 * already been issued to virtual machines."
 */
const DOCUMENTED_REJECTIONS: Record<string, RegExp> = {
  '002-moduleconfig-virtualization.yaml': /virtualMachineCIDRs.*can't be removed/,
};

const vmYaml = (name: string, extra = '') => `apiVersion: virtualization.deckhouse.io/v1alpha2
kind: VirtualMachine
metadata:
  ${name.endsWith('-') ? `generateName: ${name}` : `name: ${name}`}
spec:
  virtualMachineClassName: generic
  cpu:
    cores: 1
    coreFraction: 10%
  memory:
    size: 1Gi
  blockDeviceRefs:
    - kind: VirtualDisk
      name: ${name.replace(/-$/, '')}-root
${extra}`;

for (const [label, bin] of Object.entries(kubectls)) {
  describe(label, () => {
    let sb: Awaited<ReturnType<typeof startTestSandbox>>;
    const k = (args: string[], opts?: Parameters<typeof kubectl>[3]) =>
      kubectl(bin, sb, args, opts);
    beforeAll(async () => {
      sb = await startTestSandbox();
    });
    afterAll(async () => {
      await sb.stop();
    });

    it('applies every complete manifest of the seeds, or rejects it with the documented error', async () => {
      const failures: string[] = [];
      // In file order, into the context's namespace (`default`), as a reader following the docs.
      for (const m of seedManifests) {
        const file = manifestFile(sb, m.file, m.yaml);
        const r = await k(['apply', '-f', file]);
        const documented = DOCUMENTED_REJECTIONS[m.file];
        if (documented) {
          if (r.code === 0 || !documented.test(r.stderr))
            failures.push(`${m.file}: expected rejection, got ${r.code} ${r.stderr}`);
        } else if (r.code !== 0) {
          failures.push(`${m.file}: ${r.stderr.trim()}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it('prints DVP columns for get vi,vd,vm and get vm -o wide', async () => {
      await k(['create', 'namespace', 'cols']);
      const f = manifestFile(sb, 'cols.yaml', vmYaml('cols-vm'));
      expect((await k(['apply', '-n', 'cols', '-f', f])).code).toBe(0);
      const disk = manifestFile(
        sb,
        'cols-disk.yaml',
        'apiVersion: virtualization.deckhouse.io/v1alpha2\nkind: VirtualDisk\nmetadata:\n  name: cols-disk\nspec:\n  persistentVolumeClaim:\n    size: 1Gi\n',
      );
      expect((await k(['apply', '-n', 'cols', '-f', disk])).code).toBe(0);
      const all = await k(['get', 'vi,vd,vm', '-n', 'cols']);
      expect(all.code).toBe(0);
      expect(all.stdout).toMatch(/virtualdisk\.virtualization\.deckhouse\.io\/cols-disk/);
      expect(all.stdout).toMatch(/NAME\s+PHASE\s+CAPACITY\s+VIRTUALMACHINE\s+AGE/);
      expect(all.stdout).toMatch(/virtualmachine\.virtualization\.deckhouse\.io\/cols-vm/);
      const wide = await k(['get', 'vm', '-o', 'wide', '-n', 'cols']);
      expect(wide.stdout).toMatch(
        /NAME\s+PHASE\s+.*CORES\s+COREFRACTION\s+MEMORY\s+NEED RESTART\s+AGENT\s+MIGRATABLE\s+NODE\s+IPADDRESS\s+AGE/,
      );
      expect(wide.stdout).toMatch(/cols-vm/);
      const narrow = await k(['get', 'vm', '-n', 'cols']);
      expect(narrow.stdout).not.toMatch(/COREFRACTION/);
      const allNs = await k(['get', 'vm', '-A']);
      expect(allNs.stdout).toMatch(/^cols\s+cols-vm/m);
    });

    it('streams changes with get vm -w', async () => {
      await k(['create', 'namespace', 'watch']);
      expect(
        (await k(['apply', '-n', 'watch', '-f', manifestFile(sb, 'w.yaml', vmYaml('watched'))]))
          .code,
      ).toBe(0);
      const cacheDir = `${sb.dataDir}/kubectl-cache-watch`;
      const child = spawn(
        bin,
        [
          '--kubeconfig',
          sb.kubeconfigPath,
          '--cache-dir',
          cacheDir,
          'get',
          'vm',
          '-w',
          '-n',
          'watch',
          '--output-watch-events',
        ],
        {
          env: { ...process.env, HOME: sb.dataDir },
        },
      );
      let out = '';
      const seen = (re: RegExp) =>
        new Promise<void>((resolve) => {
          const check = () => {
            if (re.test(out)) resolve();
          };
          child.stdout.on('data', (c: Buffer) => {
            out += c.toString();
            check();
          });
          check();
        });
      try {
        await seen(/ADDED\s+watched/);
        expect((await k(['label', 'vm', 'watched', 'tier=db', '-n', 'watch'])).code).toBe(0);
        await seen(/MODIFIED\s+watched/);
        expect((await k(['delete', 'vm', 'watched', '-n', 'watch'])).code).toBe(0);
        await seen(/DELETED\s+watched/);
      } finally {
        child.kill();
      }
    });

    it('creates with generateName and runs label, annotate, patch, jsonpath, describe, delete', async () => {
      await k(['create', 'namespace', 'ops']);
      const created = await k([
        'create',
        '-n',
        'ops',
        '-f',
        manifestFile(sb, 'gen.yaml', vmYaml('gen-')),
      ]);
      expect(created.code, created.stderr).toBe(0);
      const m = /virtualmachine\.virtualization\.deckhouse\.io\/(gen-[a-z0-9]{5}) created/.exec(
        created.stdout,
      );
      expect(m).not.toBeNull();
      const name = m?.[1] ?? '';
      expect((await k(['label', 'vm', name, 'app=web', '-n', 'ops'])).stdout).toMatch(/labeled/);
      expect((await k(['annotate', 'vm', name, 'note=hello', '-n', 'ops'])).stdout).toMatch(
        /annotated/,
      );
      const patched = await k([
        'patch',
        'vm',
        name,
        '-n',
        'ops',
        '--type',
        'merge',
        '-p',
        '{"spec":{"cpu":{"cores":2}}}',
      ]);
      expect(patched.code, patched.stderr).toBe(0);
      expect(patched.stdout).toMatch(/patched/);
      const jp = await k([
        'get',
        'vm',
        name,
        '-n',
        'ops',
        '-o',
        'jsonpath={.spec.cpu.cores} {.metadata.labels.app} {.metadata.annotations.note}',
      ]);
      expect(jp.stdout).toBe('2 web hello');
      const byLabel = await k(['get', 'vm', '-n', 'ops', '-l', 'app=web', '-o', 'name']);
      expect(byLabel.stdout.trim()).toBe(`virtualmachine.virtualization.deckhouse.io/${name}`);
      const described = await k(['describe', 'vm', name, '-n', 'ops']);
      expect(described.code, described.stderr).toBe(0);
      expect(described.stdout).toMatch(new RegExp(`Name:\\s+${name}`));
      expect(described.stdout).toMatch(/Events:/);
      const smp = await k(['patch', 'vm', name, '-n', 'ops', '-p', '{"spec":{"cpu":{"cores":4}}}']);
      expect(smp.code).not.toBe(0);
      expect(smp.stderr).toMatch(/UnsupportedMediaType|not supported/);
      const deleted = await k(['delete', 'vm', name, '-n', 'ops']);
      expect(deleted.code, deleted.stderr).toBe(0);
      expect((await k(['get', 'vm', name, '-n', 'ops'])).stderr).toMatch(/NotFound.*not found/);
    });

    it('prints the validation error of an invalid VM', async () => {
      const bad = manifestFile(
        sb,
        'bad.yaml',
        vmYaml('bad-cores').replace('cores: 1', 'cores: 17').replace('10%', '100%'),
      );
      const r = await k(['apply', '-n', 'default', '-f', bad]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/The VirtualMachine "bad-cores" is invalid: spec\.cpu\.cores: /);
    });

    it('lists DVP kinds in api-resources', async () => {
      const r = await k(['api-resources', '--api-group', 'virtualization.deckhouse.io']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(
        /virtualmachines\s+vm\s+virtualization\.deckhouse\.io\/v1alpha2\s+true\s+VirtualMachine/,
      );
      expect(r.stdout).toMatch(/clustervirtualimages\s+cvi\s+.*false\s+ClusterVirtualImage/);
    });

    if (label === 'kubectl 1.32') {
      it('explains DVP fields from the OpenAPI v3 document', async () => {
        const r = await k(['explain', 'vm.spec.cpu']);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toMatch(/cores/);
        expect(r.stdout).toMatch(/coreFraction/);
      });
    }
  });
}
