import type { IncomingMessage } from 'node:http';
import type { RequestAttributes } from '../auth/attributes.ts';
import { forbiddenError } from '../auth/forbidden.ts';
import { hasImpersonation, impersonate } from '../auth/impersonation.ts';
import { authorize, type RbacSource } from '../auth/rbac.ts';
import { anonymousUser, authenticateBearer, parseBearer, type TokenTable } from '../auth/tokens.ts';
import { errors } from './errors.ts';
import type { Store } from './storage/store.ts';
import type { KubeObject, UserInfo } from './types.ts';

const RBAC = 'rbac.authorization.k8s.io';

/** An RBAC source reading the live RBAC objects from the store. */
export function storeRbacSource(store: Store): RbacSource {
  const objs = (plural: string, ns?: string): KubeObject[] =>
    store.list(`${RBAC}/${plural}`, ns).map((s) => s.obj);
  return {
    roles: (ns) => objs('roles', ns),
    clusterRoles: () => objs('clusterroles'),
    roleBindings: (ns) => objs('rolebindings', ns),
    clusterRoleBindings: () => objs('clusterrolebindings'),
  };
}

/** Authentication (bearer tokens, anonymous) and authorization (RBAC) for every request. */
export class Security {
  readonly rbac: RbacSource;

  constructor(
    store: Store,
    private readonly tokens: TokenTable,
  ) {
    this.rbac = storeRbacSource(store);
  }

  /**
   * The user a request acts as: its bearer token's user (a token that matches nobody is a 401,
   * as in kube; no token is anonymous), then impersonation headers if the requester may use them.
   */
  authenticate(req: IncomingMessage): UserInfo {
    const header = req.headers.authorization;
    let user: UserInfo | undefined;
    if (parseBearer(header) === undefined) user = anonymousUser();
    else user = authenticateBearer(header, this.tokens);
    if (!user) throw errors.unauthorized();
    // headersDistinct keeps repeated Impersonate-Group headers apart (req.headers joins them).
    return hasImpersonation(req.headersDistinct)
      ? impersonate(user, req.headersDistinct, this.rbac)
      : user;
  }

  /** Throws the kube-worded 403 unless RBAC allows the request. */
  authorize(user: UserInfo, attrs: RequestAttributes): void {
    const decision = authorize(user, attrs, this.rbac);
    if (!decision.allowed) throw forbiddenError(user, attrs, decision.reason);
  }
}
