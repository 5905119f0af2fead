import type { Gateway } from '../../gateway/server.ts';
import type { NodePool } from '../../nodes/pool.ts';
import type { StoragePaths } from '../../storage/paths.ts';
import type { KubeClient } from './client.ts';
import type { EventRecorder } from './events.ts';
import type { InformerFactory } from './informer.ts';

/** What every sandbox controller is given. */
export interface ControllerContext {
  /** API client acting as the virtualization controller's service account. */
  client: KubeClient;
  /** Shared informers: ask `informers.for(refOf(group, kind))` in `setup()`. */
  informers: InformerFactory;
  events: EventRecorder;
  /** The sandbox's data directory (persistent across restarts). */
  dataDir: string;
  /** Where DVCR images, volumes and volume snapshots live on disk. */
  paths: StoragePaths;
  /** The simulated nodes and their hypervisor agents. */
  nodes: NodePool;
  /** The sandbox's plain-HTTP data plane (image catalogue, uploads, registry). */
  gateway: Gateway;
  /** Where the demo image catalogue's files are (built by scripts/setup.sh). */
  catalogueDir: string;
}
