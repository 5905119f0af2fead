import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { schemaFor } from '@dvp/api';
import { z } from 'zod';
import type { Registry, ServedResource } from '../registry.ts';
import { sendJson } from './respond.ts';

/**
 * OpenAPI v3 documents generated from the zod schemas of `@dvp/api`, one per group/version, in the
 * shape kubectl reads: `/openapi/v3` lists `serverRelativeURL`s, each document has the kinds'
 * schemas tagged with `x-kubernetes-group-version-kind` (for `kubectl explain`) and paths whose
 * write operations accept `fieldValidation` (so kubectl leaves validation to the server).
 */

type Json = Record<string, unknown>;

/** Reverse-DNS schema names, as kube names them (`io.deckhouse.virtualization.v1alpha2.VirtualMachine`). */
function schemaName(s: ServedResource): string {
  const group = s.group ? s.group.split('.').reverse().join('.') : 'io.k8s.api.core';
  return `${group}.${s.version}.${s.def.kind}`;
}

function jsonSchemaOf(s: ServedResource): Json {
  const schema = schemaFor(s.group, s.def.kind, s.version);
  const gvk = [{ group: s.group, version: s.version, kind: s.def.kind }];
  if (!schema)
    return {
      type: 'object',
      'x-kubernetes-preserve-unknown-fields': true,
      'x-kubernetes-group-version-kind': gvk,
    };
  const out = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io: 'input',
    unrepresentable: 'any',
  }) as Json;
  delete out.$schema;
  return { ...out, 'x-kubernetes-group-version-kind': gvk };
}

function operation(s: ServedResource, action: string, withBody: boolean): Json {
  return {
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': { group: s.group, version: s.version, kind: s.def.kind },
    parameters: [
      { name: 'dryRun', in: 'query', schema: { type: 'string' } },
      { name: 'fieldManager', in: 'query', schema: { type: 'string' } },
      { name: 'fieldValidation', in: 'query', schema: { type: 'string' } },
    ],
    ...(withBody
      ? {
          requestBody: {
            content: {
              'application/json': { schema: { $ref: `#/components/schemas/${schemaName(s)}` } },
            },
          },
        }
      : {}),
    responses: { '200': { description: 'OK' } },
  };
}

function groupVersionDocument(group: string, version: string, resources: ServedResource[]): Json {
  const paths: Json = {};
  const schemas: Json = {};
  const prefix = group ? `/apis/${group}/${version}` : `/api/${version}`;
  for (const s of resources) {
    schemas[schemaName(s)] = jsonSchemaOf(s);
    const base = s.def.namespaced
      ? `${prefix}/namespaces/{namespace}/${s.def.plural}`
      : `${prefix}/${s.def.plural}`;
    paths[base] = { post: operation(s, 'post', true), get: operation(s, 'list', false) };
    paths[`${base}/{name}`] = {
      get: operation(s, 'get', false),
      put: operation(s, 'put', true),
      patch: operation(s, 'patch', true),
      delete: operation(s, 'delete', false),
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.5' },
    paths,
    components: { schemas },
  };
}

/** Serves `/openapi/v3` and `/openapi/v3/{api/v1 | apis/G/V}`; false when the path is not one. */
export function createOpenApiRoutes(registry: Registry) {
  const docs = new Map<string, { text: string; hash: string }>();
  const docFor = (key: string): { text: string; hash: string } | undefined => {
    const cached = docs.get(key);
    if (cached) return cached;
    const [prefix, a = '', b = ''] = key.split('/');
    const group = prefix === 'api' ? '' : a;
    const version = prefix === 'api' ? a : b;
    const resources = registry.groups().get(group)?.get(version);
    if (!resources) return undefined;
    const text = JSON.stringify(groupVersionDocument(group, version, resources));
    const entry = {
      text,
      hash: createHash('sha256').update(text).digest('hex').slice(0, 32).toUpperCase(),
    };
    docs.set(key, entry);
    return entry;
  };
  const keys = (): string[] => {
    const out: string[] = [];
    for (const [group, versions] of registry.groups())
      for (const v of versions.keys()) out.push(group ? `apis/${group}/${v}` : `api/${v}`);
    return out;
  };
  return (_req: IncomingMessage, res: ServerResponse, url: URL): boolean => {
    if (url.pathname === '/openapi/v3' || url.pathname === '/openapi/v3/') {
      const paths: Json = {};
      for (const k of keys()) {
        const d = docFor(k);
        if (d) paths[k] = { serverRelativeURL: `/openapi/v3/${k}?hash=${d.hash}` };
      }
      sendJson(res, 200, { paths });
      return true;
    }
    if (!url.pathname.startsWith('/openapi/v3/')) return false;
    const d = docFor(url.pathname.slice('/openapi/v3/'.length));
    if (!d) return false;
    sendJson(res, 200, d.text);
    return true;
  };
}
