/**
 * What a user may do, as `SelfSubjectRulesReview` reports it, and the one matcher the console
 * uses to disable actions (the BFF never decides for the cluster: writes are always the user's
 * own requests, and the cluster answers them).
 */

/** A `ResourceRule` of a SelfSubjectRulesReview. */
export interface AccessRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}

/** The signed-in user. */
export interface SessionUser {
  username: string;
  uid?: string;
  groups: string[];
}

/** How the BFF knows who the user is. */
export type AuthMode = 'token' | 'proxy' | 'embedded';

/** An example user of the embedded sandbox the console may switch to. */
export interface SandboxUserChoice {
  username: string;
  description: string;
}

/** `GET /api/me`. */
export interface Me {
  user: SessionUser;
  authMode: AuthMode;
  /** Send as `X-CSRF-Token` on state-changing requests of a cookie session. */
  csrfToken?: string;
  /** Embedded mode: the example users the console can switch to. */
  sandboxUsers?: SandboxUserChoice[];
  /** Rules in `namespace` (or cluster-wide rules when none was asked for). */
  access: NamespaceAccess;
}

export interface NamespaceAccess {
  namespace: string | null;
  rules: AccessRule[];
  /** True when the cluster could not list every rule (some authorizer gave up): allow and let it decide. */
  incomplete: boolean;
}

function has(list: string[] | undefined, value: string): boolean {
  return !list || list.length === 0 ? false : list.includes('*') || list.includes(value);
}

/**
 * True when `rules` allow `verb` on `resource` (`virtualmachines` or `virtualmachines/console`) in
 * API group `group`, optionally on the object `name`. Incomplete rules answer true.
 */
export function canAccess(
  access: NamespaceAccess,
  verb: string,
  group: string,
  resource: string,
  name?: string,
): boolean {
  if (access.incomplete) return true;
  return access.rules.some(
    (r) =>
      has(r.verbs, verb) &&
      has(r.apiGroups, group) &&
      (has(r.resources, resource) ||
        // `*/console` matches every resource's `console` subresource.
        (resource.includes('/') && has(r.resources, `*/${resource.split('/')[1] ?? ''}`))) &&
      (!r.resourceNames ||
        r.resourceNames.length === 0 ||
        (!!name && r.resourceNames.includes(name))),
  );
}
