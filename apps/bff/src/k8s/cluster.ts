import { Agent as HttpsAgent, type RequestOptions } from 'node:https';
import { Agent as HttpAgent } from 'node:http';
import { KubeConfig, Watch } from '@kubernetes/client-node';
import type { Identity } from '../auth/identity.ts';

/**
 * The connection to one Kubernetes API (embedded sandbox, kubeconfig or in-cluster): one code
 * path over HTTP(S) with client-node's configuration. It turns an `Identity` into request
 * options, and keeps the BFF's own credentials away from requests made with users' tokens.
 */
export class Cluster {
  readonly server: URL;
  /** client-node's config of the BFF's own identity (watches, impersonation). */
  private readonly kubeConfig: KubeConfig;
  private serviceOptions: RequestOptions | undefined;
  private userAgent: HttpsAgent | HttpAgent | undefined;
  private serviceAgent: HttpsAgent | HttpAgent | undefined;

  private constructor(kc: KubeConfig) {
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error('the kubeconfig has no current cluster');
    this.kubeConfig = kc;
    this.server = new URL(cluster.server);
  }

  static fromKubeconfig(path: string, context?: string): Cluster {
    const kc = new KubeConfig();
    kc.loadFromFile(path);
    if (context) kc.setCurrentContext(context);
    return new Cluster(kc);
  }

  static inCluster(): Cluster {
    const kc = new KubeConfig();
    kc.loadFromCluster();
    return new Cluster(kc);
  }

  get secure(): boolean {
    return this.server.protocol === 'https:';
  }

  /** TLS and auth options of the BFF's own identity, as client-node computes them. */
  private async service(): Promise<RequestOptions> {
    if (!this.serviceOptions) {
      const opts: RequestOptions = {};
      await this.kubeConfig.applyToHTTPSOptions(opts);
      this.serviceOptions = opts;
    }
    return this.serviceOptions;
  }

  /**
   * Request options for `identity`: the server's TLS trust always; the BFF's client certificate
   * and credentials only for `service` and impersonation (a user's token never travels with
   * the BFF's certificate, which would lend the BFF's rights).
   */
  async requestOptions(identity: Identity): Promise<RequestOptions> {
    const svc = await this.service();
    const trust = {
      ca: svc.ca,
      rejectUnauthorized: svc.rejectUnauthorized,
      servername: svc.servername,
    };
    const base = {
      protocol: this.server.protocol,
      hostname: this.server.hostname.replace(/^\[|\]$/g, ''),
      port: this.server.port || (this.secure ? 443 : 80),
    };
    const prefix = this.server.pathname.replace(/\/$/, '');
    if (identity.kind === 'token') {
      this.userAgent ??= this.secure
        ? new HttpsAgent({ ...trust, keepAlive: true, maxSockets: 256 })
        : new HttpAgent({ keepAlive: true, maxSockets: 256 });
      return {
        ...base,
        ...trust,
        agent: this.userAgent,
        headers: { Authorization: `Bearer ${identity.token}` },
        path: prefix,
      };
    }
    this.serviceAgent ??= this.secure
      ? new HttpsAgent({ ...trust, cert: svc.cert, key: svc.key, keepAlive: true, maxSockets: 256 })
      : new HttpAgent({ keepAlive: true, maxSockets: 256 });
    const headers: Record<string, string | string[]> = {};
    const auth = (svc.headers as Record<string, string> | undefined)?.Authorization;
    if (auth) headers.Authorization = auth;
    if (identity.kind === 'impersonate') {
      headers['Impersonate-User'] = identity.user;
      if (identity.groups.length) headers['Impersonate-Group'] = identity.groups;
      if (identity.uid) headers['Impersonate-Uid'] = identity.uid;
    }
    return {
      ...base,
      ...trust,
      cert: svc.cert,
      key: svc.key,
      agent: this.serviceAgent,
      headers,
      path: prefix,
    };
  }

  /** client-node's watch over the BFF's own identity (only the shared cache uses it). */
  watcher(): Watch {
    return new Watch(this.kubeConfig);
  }

  /** The users of the kubeconfig with their tokens (embedded mode reads the sandbox's users). */
  tokenUsers(): { name: string; token: string }[] {
    return this.kubeConfig.users.flatMap((u) =>
      u.token ? [{ name: u.name, token: u.token }] : [],
    );
  }

  close(): void {
    this.userAgent?.destroy();
    this.serviceAgent?.destroy();
  }
}
