import { endpoints, type VirtualMachine, type VirtualMachineOperation } from '@dvp/api';
import type { Router } from 'express';
import type { AppContext } from '../context.ts';
import { vmListPage } from '../data/lists.ts';
import { vmDetail } from '../data/vm-detail.ts';
import { createObject, deleteObject, patchObject, requesterOf, vmopFor } from '../data/writes.ts';
import { created, route } from '../http/endpoint.ts';

/** The VM list (rows), VM detail aggregate, VM writes and actions. */
export function registerVmRoutes(router: Router, ctx: AppContext): void {
  const vms = 'virtualmachines';
  route(router, endpoints.vmList, ({ params, query, auth, signal }) =>
    vmListPage(ctx, auth.identity, params.namespace, query, signal),
  );
  route(router, endpoints.vmView, ({ params, auth, signal }) =>
    vmDetail(ctx, auth.identity, params.namespace, params.name, signal),
  );
  route(router, endpoints.vmCreate, async ({ params, query, body, auth, signal }) =>
    created(
      await createObject<VirtualMachine>(ctx, auth.identity, vms, params.namespace, body, {
        dryRun: query.dryRun,
        signal,
      }),
    ),
  );
  route(router, endpoints.vmPatch, ({ params, query, body, auth, signal }) =>
    patchObject<VirtualMachine>(ctx, auth.identity, vms, params.namespace, params.name, body, {
      dryRun: query.dryRun,
      signal,
    }),
  );
  route(router, endpoints.vmDelete, ({ params, query, auth, signal }) =>
    deleteObject<VirtualMachine>(ctx, auth.identity, vms, params.namespace, params.name, {
      dryRun: query.dryRun,
      signal,
    }),
  );
  // Actions are VirtualMachineOperations created as the user: RBAC on VMOPs decides. Each
  // records who asked (the Events tab's "who").
  route(router, endpoints.vmAction, async ({ params, query, body, auth, signal }) =>
    created(
      await createObject<VirtualMachineOperation>(
        ctx,
        auth.identity,
        'virtualmachineoperations',
        params.namespace,
        vmopFor(params.name, params.action, body),
        { dryRun: query.dryRun, signal, requestedBy: await requesterOf(ctx, auth.identity) },
      ),
    ),
  );
}
