import type { SandboxUserChoice } from '@dvp/api';
import type { AccessReviewer } from './access/reviewer.ts';
import type { Identity } from './auth/identity.ts';
import type { SessionCodec } from './auth/session.ts';
import type { ResourceCache } from './cache/resource-cache.ts';
import type { Env } from './env.ts';
import type { Logger } from './http/logger.ts';
import type { Cluster } from './k8s/cluster.ts';
import type { KubeRest } from './k8s/rest.ts';
import type { Metrics } from './metrics.ts';

/** The embedded sandbox's example users: who they are and their tokens (from its kubeconfig). */
export interface SandboxAccounts {
  /** The user a newcomer is signed in as. */
  defaultUser: string;
  users: (SandboxUserChoice & { token: string })[];
}

/** Everything the routes need; built once by `server.ts` (or a test) and passed to `createApp`. */
export interface AppContext {
  env: Env;
  cluster: Cluster;
  rest: KubeRest;
  cache: ResourceCache;
  reviewer: AccessReviewer;
  sessions: SessionCodec;
  metrics: Metrics;
  logger: Logger;
  /** The BFF's own identity (cache, readiness); never used for a user's request. */
  serviceIdentity: Identity;
  /** Embedded mode only. */
  sandbox?: SandboxAccounts;
  /** Where the image catalogue is read (CATALOGUE_URL, or the embedded sandbox's). */
  catalogueUrl?: string;
}
