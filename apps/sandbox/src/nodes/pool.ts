import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HypervisorAgent } from '@dvp/hypervisor-agent';
import type { AgentEvent } from '@dvp/hypervisor-agent/agent';
import type { Guest } from '@dvp/hypervisor-agent/guest/guest';

/** One simulated node: a Node object's name and the hypervisor agent that runs its guests. */
export interface SandboxNode {
  name: string;
  agent: HypervisorAgent;
  /** False once the node's agent is "dead" (killed by a test or crashed): no heartbeats. */
  alive: boolean;
}

/** Node names the sandbox uses: `sandbox-node-1` … `sandbox-node-N`. */
export function nodeNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `sandbox-node-${i + 1}`);
}

/**
 * The sandbox's simulated nodes, each backed by its own {@link HypervisorAgent} with its own
 * runtime directory (kept short under the system temp dir: unix socket paths are limited), so
 * guests of one node are separate QEMU processes from another's and survive a sandbox restart
 * to be re-adopted. Guests are identified by the VM's uid.
 */
export class NodePool {
  readonly nodes = new Map<string, SandboxNode>();
  readonly runtimeRoot: string;
  private readonly listeners = new Set<(node: string, event: AgentEvent) => void>();

  constructor(opts: { dataDir: string; names: string[]; runtimeRoot?: string }) {
    const hash = createHash('sha1').update(opts.dataDir).digest('hex').slice(0, 10);
    this.runtimeRoot = opts.runtimeRoot ?? join(tmpdir(), `dvp-sb-${hash}`);
    for (const name of opts.names) {
      this.nodes.set(name, { name, agent: this.newAgent(name), alive: true });
    }
  }

  /** Calls `fn` with every event of every node's agent (current and revived ones). */
  onEvent(fn: (node: string, event: AgentEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private newAgent(name: string): HypervisorAgent {
    const agent = new HypervisorAgent({ runtimeDir: join(this.runtimeRoot, name) });
    agent.on('event', (e: AgentEvent) => {
      for (const l of this.listeners) l(name, e);
    });
    return agent;
  }

  get names(): string[] {
    return [...this.nodes.keys()];
  }

  /** The live agent of a node (undefined when unknown or dead). */
  agent(node: string): HypervisorAgent | undefined {
    const n = this.nodes.get(node);
    return n?.alive ? n.agent : undefined;
  }

  /** Where a guest runs: the node whose live agent has it. */
  locate(guestId: string): { node: string; agent: HypervisorAgent; guest: Guest } | undefined {
    for (const n of this.nodes.values()) {
      if (!n.alive) continue;
      const guest = n.agent.get(guestId);
      if (guest) return { node: n.name, agent: n.agent, guest };
    }
    return undefined;
  }

  /**
   * Simulates a node crash: hard-kills every QEMU process of the node's agent (SIGKILL, no
   * shutdown) and marks the node dead, so its heartbeat stops and `agent()`/`locate()` no
   * longer see it. The node's Node object turns NotReady once its lease expires.
   */
  async kill(node: string): Promise<void> {
    const n = this.nodes.get(node);
    if (!n) throw new Error(`unknown node ${node}; nodes are ${this.names.join(', ')}`);
    if (!n.alive) return;
    n.alive = false;
    const pids = n.agent.list().map((g) => g.pid);
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await n.agent.close({ stopGuests: true });
  }

  /** Brings a killed node back with a fresh agent (no guests: they died with the node). */
  revive(node: string): void {
    const n = this.nodes.get(node);
    if (!n) throw new Error(`unknown node ${node}; nodes are ${this.names.join(', ')}`);
    if (n.alive) return;
    n.agent = this.newAgent(node);
    n.alive = true;
  }

  /** Re-adopts guests a previous sandbox left running, on every node; reports what it found. */
  async recover(): Promise<
    Map<string, { adopted: string[]; lost: { id: string; reason: string }[] }>
  > {
    const out = new Map<string, { adopted: string[]; lost: { id: string; reason: string }[] }>();
    for (const n of this.nodes.values()) {
      if (n.alive) out.set(n.name, await n.agent.recover());
    }
    return out;
  }

  /** Shuts every agent down; `keepGuests` lets guests run on for a later sandbox to re-adopt. */
  async close(opts: { keepGuests?: boolean } = {}): Promise<void> {
    await Promise.all(
      [...this.nodes.values()]
        .filter((n) => n.alive)
        .map((n) => n.agent.close({ stopGuests: !opts.keepGuests })),
    );
  }
}
