import { errors, type StatusError } from '../apiserver/errors.ts';
import type { UserInfo } from '../apiserver/types.ts';
import type { RequestAttributes } from './attributes.ts';

/**
 * The 403 kube-apiserver answers when no authorizer allows a request, worded exactly as
 * `responsewriters.Forbidden` + `apierrors.NewForbidden` word it.
 */

/** `User "bob" cannot create resource "virtualmachines" in API group "…" in the namespace "demo"`. */
export function deniedAction(user: UserInfo, attrs: RequestAttributes): string {
  const who = `User "${user.username}"`;
  if (!attrs.isResourceRequest) return `${who} cannot ${attrs.verb} path "${attrs.path}"`;
  const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  const what = `${who} cannot ${attrs.verb} resource "${resource}" in API group "${attrs.apiGroup}"`;
  return attrs.namespace
    ? `${what} in the namespace "${attrs.namespace}"`
    : `${what} at the cluster scope`;
}

/**
 * The whole Status message: `<resource>.<group> ["name"] is forbidden: <denied action>[: <reason>]`,
 * or `forbidden: …` for non-resource requests. `reason` is the authorizer's (e.g. RBAC errors).
 */
export function forbiddenMessage(user: UserInfo, attrs: RequestAttributes, reason = ''): string {
  const detail = reason ? `${deniedAction(user, attrs)}: ${reason}` : deniedAction(user, attrs);
  const qualified = attrs.apiGroup ? `${attrs.resource}.${attrs.apiGroup}` : attrs.resource;
  if (qualified === '') return `forbidden: ${detail}`;
  return attrs.name
    ? `${qualified} "${attrs.name}" is forbidden: ${detail}`
    : `${qualified} is forbidden: ${detail}`;
}

/** The 403 StatusError to throw, with `details` {name, group, kind: resource} as kube fills them. */
export function forbiddenError(user: UserInfo, attrs: RequestAttributes, reason = ''): StatusError {
  const message = forbiddenMessage(user, attrs, reason);
  if (!attrs.apiGroup && !attrs.resource) return errors.forbidden(message);
  return errors.forbidden(message, {
    group: attrs.apiGroup,
    resource: attrs.resource,
    ...(attrs.name ? { name: attrs.name } : {}),
  });
}
