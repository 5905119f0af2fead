import type { FieldCause } from '@dvp/api';

import { errors } from '../apiserver/errors.ts';
import type { KubeObject, UserInfo } from '../apiserver/types.ts';
import { nonResourceAttributes, resourceAttributes, type RequestAttributes } from './attributes.ts';
import { authorize, rulesFor, aggregateErrors, type RbacSource } from './rbac.ts';

/**
 * The access and identity reviews kube-apiserver answers without storing anything
 * (pkg/registry/authorization/*, pkg/registry/authentication/selfsubjectreview). Each takes the
 * posted body and returns it with `status` filled, as kube does. Bodies are checked the way kube
 * validates them; a bad body is a 422 (or 400) Status.
 */

const AUTHZ = 'authorization.k8s.io';
const AUTHZ_V1 = `${AUTHZ}/v1`;

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function body(raw: unknown, kind: string): { spec: Json; metadata: Json; obj: Json } {
  if (!isRecord(raw)) throw errors.badRequest(`the body of a ${kind} must be a JSON object`);
  const spec = isRecord(raw.spec) ? raw.spec : {};
  const metadata = isRecord(raw.metadata) ? raw.metadata : {};
  return { spec, metadata, obj: raw };
}

function invalid(kind: string, group: string, causes: FieldCause[]): never {
  throw errors.invalid({ group, resource: '', kind, name: '' }, causes);
}

/** `spec.resourceAttributes` / `spec.nonResourceAttributes` → attributes, validated as kube does. */
function specAttributes(spec: Json, kind: string, self: boolean): RequestAttributes {
  const ra = spec.resourceAttributes;
  const nra = spec.nonResourceAttributes;
  const causes: FieldCause[] = [];
  if (isRecord(ra) && isRecord(nra)) {
    causes.push({
      field: 'spec.nonResourceAttributes',
      reason: 'FieldValueInvalid',
      message:
        'Invalid value: "object": cannot be specified in combination with resourceAttributes',
    });
  }
  if (!isRecord(ra) && !isRecord(nra)) {
    causes.push({
      field: 'spec.resourceAttributes',
      reason: 'FieldValueInvalid',
      message:
        'Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
    });
  }
  if (!self && !str(spec.user) && stringList(spec.groups).length === 0) {
    causes.push({
      field: 'spec.user',
      reason: 'FieldValueInvalid',
      message: 'Invalid value: "": at least one of user or group must be specified',
    });
  }
  if (causes.length > 0) invalid(kind, AUTHZ, causes);
  if (isRecord(ra)) {
    return resourceAttributes({
      verb: str(ra.verb),
      group: str(ra.group),
      // kube matches every version when none is given.
      version: str(ra.version) || '*',
      resource: str(ra.resource),
      subresource: str(ra.subresource),
      namespace: str(ra.namespace),
      name: str(ra.name),
    });
  }
  const n = isRecord(nra) ? nra : {};
  return nonResourceAttributes(str(n.verb), str(n.path));
}

function withStatus(obj: Json, kind: string, status: Json): KubeObject {
  const metadata = isRecord(obj.metadata) ? obj.metadata : {};
  return { ...obj, apiVersion: AUTHZ_V1, kind, metadata, status };
}

function accessStatus(user: UserInfo, attrs: RequestAttributes, rbac: RbacSource): Json {
  const decision = authorize(user, attrs, rbac);
  // RBAC never denies, so `denied` (omitempty in kube) never appears.
  return { allowed: decision.allowed, ...(decision.reason ? { reason: decision.reason } : {}) };
}

/** `SelfSubjectAccessReview`: may the requester do this? */
export function reviewSelfSubjectAccess(
  user: UserInfo,
  raw: unknown,
  rbac: RbacSource,
): KubeObject {
  const kind = 'SelfSubjectAccessReview';
  const { spec, obj } = body(raw, kind);
  return withStatus(obj, kind, accessStatus(user, specAttributes(spec, kind, true), rbac));
}

function subjectOf(spec: Json): UserInfo {
  const extra: Record<string, string[]> = {};
  if (isRecord(spec.extra)) {
    for (const [k, v] of Object.entries(spec.extra)) extra[k] = stringList(v);
  }
  const uid = str(spec.uid);
  // The subject is taken as given: no system:authenticated is added, as in kube.
  return {
    username: str(spec.user),
    groups: stringList(spec.groups),
    ...(uid ? { uid } : {}),
    ...(Object.keys(extra).length ? { extra } : {}),
  };
}

/** `SubjectAccessReview`: may the user/groups in `spec` do this? */
export function reviewSubjectAccess(raw: unknown, rbac: RbacSource): KubeObject {
  const kind = 'SubjectAccessReview';
  const { spec, obj } = body(raw, kind);
  const attrs = specAttributes(spec, kind, false);
  return withStatus(obj, kind, accessStatus(subjectOf(spec), attrs, rbac));
}

/**
 * `LocalSubjectAccessReview` posted to `/namespaces/{namespace}/…`: a SubjectAccessReview limited
 * to that namespace, resource attributes only.
 */
export function reviewLocalSubjectAccess(
  namespace: string,
  raw: unknown,
  rbac: RbacSource,
): KubeObject {
  const kind = 'LocalSubjectAccessReview';
  const { spec, metadata, obj } = body(raw, kind);
  if (!namespace) throw errors.badRequest('namespace is required on this type: ');
  if (isRecord(spec.nonResourceAttributes)) {
    invalid(kind, AUTHZ, [
      {
        field: 'spec.nonResourceAttributes',
        reason: 'FieldValueInvalid',
        message: 'Invalid value: "object": disallowed on this kind of request',
      },
    ]);
  }
  const attrs = specAttributes(spec, kind, false);
  // kube compares the object's namespace (defaulted from the URL); the sandbox also holds the
  // checked namespace to the URL's, defaulting it, so a "local" review never looks elsewhere.
  const metaNamespace = str(metadata.namespace);
  if (
    (metaNamespace && metaNamespace !== namespace) ||
    (attrs.namespace && attrs.namespace !== namespace)
  ) {
    throw errors.badRequest(`spec.resourceAttributes.namespace must match namespace: ${namespace}`);
  }
  const checked = { ...attrs, namespace };
  const result = withStatus(obj, kind, accessStatus(subjectOf(spec), checked, rbac));
  return { ...result, metadata: { ...result.metadata, namespace } };
}

/** A rule of `SelfSubjectRulesReview.status` with kube's omitempty lists left out. */
function omitEmpty(fields: Record<string, string[]>): Json {
  return Object.fromEntries(
    Object.entries(fields).filter(([k, v]) => k === 'verbs' || v.length > 0),
  );
}

/**
 * `SelfSubjectRulesReview` for `spec.namespace`: every rule of the ClusterRoleBindings and of that
 * namespace's RoleBindings naming the user, split into resource and non-resource rules exactly as
 * kube lists them (in binding order, not merged). Unreadable bindings show in `evaluationError`.
 */
export function reviewSelfSubjectRules(user: UserInfo, raw: unknown, rbac: RbacSource): KubeObject {
  const kind = 'SelfSubjectRulesReview';
  const { spec, obj } = body(raw, kind);
  const namespace = str(spec.namespace);
  if (!namespace) throw errors.badRequest('no namespace on request');
  const { rules, errors: problems } = rulesFor(user, namespace, rbac);
  const resourceRules = rules
    .filter((r) => r.resources.length > 0)
    .map((r) =>
      omitEmpty({
        verbs: r.verbs,
        apiGroups: r.apiGroups,
        resources: r.resources,
        resourceNames: r.resourceNames,
      }),
    );
  const nonResourceRules = rules
    .filter((r) => r.nonResourceURLs.length > 0)
    .map((r) => omitEmpty({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs }));
  return withStatus(obj, kind, {
    resourceRules,
    nonResourceRules,
    incomplete: false,
    ...(problems.length ? { evaluationError: aggregateErrors(problems) } : {}),
  });
}

/** `SelfSubjectReview` (authentication.k8s.io/v1): who the server thinks the requester is. */
export function reviewSelfSubject(user: UserInfo, raw: unknown = {}): KubeObject {
  const obj = isRecord(raw) ? raw : {};
  const metadata = isRecord(obj.metadata) ? obj.metadata : {};
  const userInfo: Json = {
    username: user.username,
    ...(user.uid ? { uid: user.uid } : {}),
    ...(user.groups.length ? { groups: user.groups } : {}),
    ...(user.extra && Object.keys(user.extra).length ? { extra: user.extra } : {}),
  };
  return {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'SelfSubjectReview',
    metadata,
    status: { userInfo },
  };
}

/** The review endpoints by group and plural, for the server's create handler. */
export function answerReview(
  group: string,
  resource: string,
  ctx: { user: UserInfo; namespace: string; body: unknown; rbac: RbacSource },
): KubeObject | undefined {
  if (group === 'authentication.k8s.io' && resource === 'selfsubjectreviews') {
    return reviewSelfSubject(ctx.user, ctx.body);
  }
  if (group !== AUTHZ) return undefined;
  switch (resource) {
    case 'selfsubjectaccessreviews':
      return reviewSelfSubjectAccess(ctx.user, ctx.body, ctx.rbac);
    case 'subjectaccessreviews':
      return reviewSubjectAccess(ctx.body, ctx.rbac);
    case 'localsubjectaccessreviews':
      return reviewLocalSubjectAccess(ctx.namespace, ctx.body, ctx.rbac);
    case 'selfsubjectrulesreviews':
      return reviewSelfSubjectRules(ctx.user, ctx.body, ctx.rbac);
    default:
      return undefined;
  }
}
