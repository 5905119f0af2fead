import { endpoints, type KubeObject } from '@dvp/api';
import type { Router } from 'express';
import type { AppContext } from '../context.ts';
import { resourceListPage } from '../data/lists.ts';
import { readFresh } from '../data/reads.ts';
import {
  createObject,
  deleteObject,
  patchObject,
  recordsRequester,
  requesterOf,
} from '../data/writes.ts';
import { created, route } from '../http/endpoint.ts';

/** Generic list/view/create/patch/delete of the other namespaced and cluster kinds. */
export function registerResourceRoutes(router: Router, ctx: AppContext): void {
  route(router, endpoints.resourceList, ({ params, query, auth, signal }) =>
    resourceListPage(ctx, auth.identity, params.resource, params.namespace, query, signal),
  );
  // Fresh, not cached: the console reads an object before writing it with its resourceVersion.
  route(router, endpoints.resourceView, ({ params, auth, signal }) =>
    readFresh(ctx, auth.identity, params.resource, params.namespace, params.name, signal),
  );
  route(router, endpoints.resourceCreate, async ({ params, query, body, auth, signal }) =>
    created(
      await createObject<KubeObject>(ctx, auth.identity, params.resource, params.namespace, body, {
        dryRun: query.dryRun,
        signal,
        // Operations record who asked (whatever the body claims).
        ...(recordsRequester(params.resource)
          ? { requestedBy: await requesterOf(ctx, auth.identity) }
          : {}),
      }),
    ),
  );
  route(router, endpoints.resourcePatch, ({ params, query, body, auth, signal }) =>
    patchObject(ctx, auth.identity, params.resource, params.namespace, params.name, body, {
      dryRun: query.dryRun,
      signal,
    }),
  );
  route(router, endpoints.resourceDelete, ({ params, query, auth, signal }) =>
    deleteObject(ctx, auth.identity, params.resource, params.namespace, params.name, {
      dryRun: query.dryRun,
      signal,
    }),
  );

  route(router, endpoints.clusterResourceList, ({ params, query, auth, signal }) =>
    resourceListPage(ctx, auth.identity, params.resource, undefined, query, signal),
  );
  route(router, endpoints.clusterResourceView, ({ params, auth, signal }) =>
    readFresh(ctx, auth.identity, params.resource, undefined, params.name, signal),
  );
  route(router, endpoints.clusterResourceCreate, async ({ params, query, body, auth, signal }) =>
    created(
      await createObject<KubeObject>(ctx, auth.identity, params.resource, undefined, body, {
        dryRun: query.dryRun,
        signal,
      }),
    ),
  );
  route(router, endpoints.clusterResourcePatch, ({ params, query, body, auth, signal }) =>
    patchObject(ctx, auth.identity, params.resource, undefined, params.name, body, {
      dryRun: query.dryRun,
      signal,
    }),
  );
  route(router, endpoints.clusterResourceDelete, ({ params, query, auth, signal }) =>
    deleteObject(ctx, auth.identity, params.resource, undefined, params.name, {
      dryRun: query.dryRun,
      signal,
    }),
  );
}
