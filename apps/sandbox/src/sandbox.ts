import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { AdmissionContext } from './admission/types.ts';
import { bootstrapRbac } from './auth/bootstrap.ts';
import { checkRbacWrite } from './auth/escalation.ts';
import { generateTokensFile, loadTokens } from './auth/tokens.ts';
import { sandboxUsers } from './auth/users.ts';
import { createOpenApiRoutes } from './apiserver/http/openapi.ts';
import { createRequestHandler } from './apiserver/http/server.ts';
import { SubresourceApi } from './apiserver/http/subresources/api.ts';
import { Registry } from './apiserver/registry.ts';
import { Security } from './apiserver/security.ts';
import { ObjectService } from './apiserver/service/objects.ts';
import { Store } from './apiserver/storage/store.ts';
import type { KubeObject } from './apiserver/types.ts';
import { GarbageCollector, SYSTEM_USER } from './controllers/garbage-collector.ts';
import { NamespaceController } from './controllers/namespace.ts';
import { ProjectController } from './controllers/project.ts';
import { computeControllers } from './controllers/compute/index.ts';
import { diskControllers } from './controllers/disks/index.ts';
import { imageControllers } from './controllers/images/index.ts';
import { networkControllers } from './controllers/network/index.ts';
import { KubeClient } from './controllers/runtime/client.ts';
import type { ControllerContext } from './controllers/runtime/context.ts';
import { EventRecorder } from './controllers/runtime/events.ts';
import { InformerFactory } from './controllers/runtime/informer.ts';
import { ControllerManager } from './controllers/runtime/manager.ts';
import { Gateway } from './gateway/server.ts';
import { nodeNames, NodePool } from './nodes/pool.ts';
import { StoragePaths } from './storage/paths.ts';
import { bootstrapObjects, DEMO_PROJECT } from './setup/bootstrap.ts';
import { renderKubeconfig, writeKubeconfig } from './setup/kubeconfig.ts';
import { ensureTls } from './setup/tls.ts';

export interface SandboxOptions {
  /** `host:port`; port 0 picks a free one. Default `127.0.0.1:6443`. */
  listen?: string;
  dataDir: string;
  /** Where to write the admin kubeconfig; default `<dataDir>/kubeconfig`. */
  kubeconfigOut?: string;
  /** Simulated nodes (default 2), each with its own hypervisor agent. */
  nodes?: number;
  /** `host:port` of the plain-HTTP data plane (catalogue, uploads); default `127.0.0.1:6480`. */
  gatewayListen?: string;
  /** The demo image catalogue's directory; default `<repo>/.cache/guest-images`. */
  catalogueDir?: string;
  /** Do not run the DVP controllers (API server only). */
  controllers?: boolean;
  /** Where the nodes' agents keep their guests' sockets; default `/tmp/dvp-sb-<hash of dataDir>`. */
  runtimeRoot?: string;
}

/** The identity the sandbox's DVP controllers act as (virtualization-controller's account). */
export const CONTROLLER_USER = {
  username: 'system:serviceaccount:d8-virtualization:virtualization-controller',
  groups: [
    'system:serviceaccounts',
    'system:serviceaccounts:d8-virtualization',
    'system:masters',
    'system:authenticated',
  ],
};

const REPO_ROOT = resolve(import.meta.dirname, '../../..');

export interface Sandbox {
  url: string;
  port: number;
  dataDir: string;
  kubeconfigPath: string;
  /** Bearer tokens by user name (`admin`, and the example users). */
  tokens: Record<string, string>;
  caCert: string;
  objects: ObjectService;
  /** `http://host:port` of the data plane (catalogue, uploads, registry). */
  gatewayUrl: string;
  nodes: NodePool;
  /** Resolves when the built-in controllers have nothing left to do. */
  idle(): Promise<void>;
  /** Stops everything; `keepGuests` leaves QEMU guests running for the next start to adopt. */
  close(opts?: { keepGuests?: boolean }): Promise<void>;
}

function loadOrCreateTokens(dataDir: string): { text: string; tokens: Record<string, string> } {
  const path = join(dataDir, 'tokens.csv');
  if (!existsSync(path)) {
    const generated = generateTokensFile(sandboxUsers);
    writeFileSync(path, generated.text, { mode: 0o600 });
    return generated;
  }
  const text = readFileSync(path, 'utf8');
  const tokens: Record<string, string> = {};
  for (const e of loadTokens(text).entries) tokens[e.user.username] = e.token;
  return { text, tokens };
}

function admissionContext(store: Store, registry: Registry): AdmissionContext {
  return {
    get: (group, kind, name, namespace) => {
      const served = registry.byGroupKind(group, kind);
      return served ? store.get(served.storage, namespace ?? '', name)?.obj : undefined;
    },
    list: (group, kind, namespace) => {
      const served = registry.byGroupKind(group, kind);
      return served ? store.list(served.storage, namespace).map((s) => s.obj) : [];
    },
  };
}

async function createAll(
  objects: ObjectService,
  list: KubeObject[],
  statuses: Map<string, Record<string, unknown>>,
) {
  for (const obj of list) {
    const [group, version] = obj.apiVersion.includes('/')
      ? obj.apiVersion.split('/')
      : ['', obj.apiVersion];
    const def = objects.registry.all.find(
      (s) => s.group === group && s.version === version && s.def.kind === obj.kind,
    );
    if (!def) throw new Error(`bootstrap: no endpoint for ${obj.apiVersion} ${obj.kind}`);
    const created = await objects.create(def, obj.metadata.namespace ?? '', obj, {
      user: SYSTEM_USER,
      fieldManager: 'sandbox-bootstrap',
    });
    const status = statuses.get(`${obj.kind}/${obj.metadata.name ?? ''}`);
    if (status) {
      await objects.update(
        def,
        '',
        obj.metadata.name ?? '',
        { ...created.obj, status },
        {
          user: SYSTEM_USER,
          fieldManager: 'sandbox-bootstrap',
          subresource: 'status',
          checkVersion: 'ifPresent',
        },
      );
    }
  }
}

/**
 * First-start content: namespaces and the demo Project first (its controller creates the
 * project's namespace), then everything that may live in those namespaces.
 */
async function bootstrap(objects: ObjectService, nodes: number, idle: () => Promise<void>) {
  const { objects: seed, nodeStatuses } = bootstrapObjects(nodes);
  const statuses = new Map([...nodeStatuses].map(([name, st]) => [`Node/${name}`, st]));
  const first = seed.filter((o) => o.kind === 'Namespace' || o.kind === 'Project');
  const rest = seed.filter((o) => !first.includes(o));
  await createAll(objects, first, statuses);
  await idle();
  await createAll(objects, [...bootstrapRbac({ demoNamespace: DEMO_PROJECT }), ...rest], statuses);
}

/**
 * Starts the sandbox: its Kubernetes-compatible API server over HTTPS with persistent state in
 * `dataDir`, bootstrap content on first start, the built-in controllers, and an admin kubeconfig.
 */
export async function startSandbox(opts: SandboxOptions): Promise<Sandbox> {
  const dataDir = resolve(opts.dataDir);
  mkdirSync(join(dataDir, 'store'), { recursive: true, mode: 0o700 });
  const store = await Store.open(join(dataDir, 'store'));
  const registry = new Registry();
  const { text: tokensText, tokens } = loadOrCreateTokens(dataDir);
  const controllerToken = randomBytes(24).toString('base64url');
  const table = loadTokens(tokensText);
  const security = new Security(store, {
    ...table,
    entries: [...table.entries, { token: controllerToken, user: CONTROLLER_USER }],
  });
  // RBAC escalation prevention: a user may only grant rights they hold (kube's RBAC storage rule).
  const objects = new ObjectService(
    store,
    registry,
    admissionContext(store, registry),
    (user, obj) => checkRbacWrite(user, obj, security.rbac),
  );
  const fresh = store.list('core/namespaces').length === 0;

  const controllers = [
    new GarbageCollector(objects),
    new NamespaceController(objects),
    new ProjectController(objects),
  ];
  for (const c of controllers) c.start();
  const idle = async () => {
    for (const c of controllers) await c.idle();
  };
  if (fresh) await bootstrap(objects, opts.nodes ?? 2, idle);

  const tls = ensureTls(dataDir);
  const [host = '127.0.0.1', portText = '6443'] = (opts.listen ?? '127.0.0.1:6443').split(
    /:(?=\d+$)/,
  );
  // The handler asks for the bound address lazily (port 0 is only known after listen).
  const address = () => {
    const a = server.address() as AddressInfo | null;
    return `${host}:${a?.port ?? portText}`;
  };
  const subresources = new SubresourceApi(security);
  const server: Server = createServer(
    { cert: tls.cert, key: tls.key },
    createRequestHandler({
      registry,
      objects,
      security,
      serverAddress: address,
      extraRoutes: createOpenApiRoutes(registry),
      subresources,
    }),
  );
  // Console and VNC websockets (the aggregated subresources API).
  server.on('upgrade', (req, socket, head: Buffer) => subresources.upgrade(req, socket, head));
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(Number(portText), host, () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const kubeconfigPath = resolve(opts.kubeconfigOut ?? join(dataDir, 'kubeconfig'));
  const users = sandboxUsers
    .map((u) => ({ name: u.username, token: tokens[u.username] ?? '' }))
    .filter((u) => u.token);
  writeKubeconfig(kubeconfigPath, renderKubeconfig(url, tls.caCert, users));

  const gateway = new Gateway();
  await gateway.listen(opts.gatewayListen ?? '127.0.0.1:6480');
  const nodes = new NodePool({
    dataDir,
    names: nodeNames(opts.nodes ?? 2),
    ...(opts.runtimeRoot ? { runtimeRoot: opts.runtimeRoot } : {}),
  });
  // Re-adopt guests a previous run left running (`close({keepGuests})`) before any controller
  // looks: the VM controller then finds them where they run instead of starting duplicates.
  if (opts.controllers !== false) await nodes.recover();
  const client = new KubeClient({
    server: url,
    caCert: tls.caCert,
    token: controllerToken,
    userAgent: 'virtualization-controller (dvp-sandbox)',
    fieldManager: 'virtualization-controller',
  });
  const ctx: ControllerContext = {
    client,
    informers: new InformerFactory(client),
    events: new EventRecorder(client, 'virtualization-controller'),
    dataDir,
    paths: new StoragePaths(dataDir),
    nodes,
    gateway,
    catalogueDir: resolve(opts.catalogueDir ?? join(REPO_ROOT, '.cache/guest-images')),
  };
  subresources.bind({
    client,
    events: new EventRecorder(client, 'virtualization-api'),
    nodes,
    paths: ctx.paths,
  });
  const manager = new ControllerManager(
    ctx,
    opts.controllers === false
      ? []
      : [
          ...imageControllers(ctx),
          ...diskControllers(ctx),
          ...computeControllers(ctx),
          ...networkControllers(ctx),
        ],
  );
  await manager.start();

  return {
    url,
    port,
    dataDir,
    kubeconfigPath,
    tokens,
    caCert: tls.caCert,
    objects,
    gatewayUrl: gateway.url,
    nodes,
    idle: async () => {
      await idle();
      await manager.idle();
    },
    close: async (closeOpts = {}) => {
      subresources.close();
      await manager.stop();
      await gateway.close();
      await nodes.close({ keepGuests: closeOpts.keepGuests ?? false });
      for (const c of controllers) c.stop();
      // Stop listening first, then drop every connection: a client that reconnected during the
      // shutdown (a watch) would otherwise keep the server open until it is killed.
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      await closed;
      await store.close();
    },
  };
}
