import type { ApiResourceName, KubeObject, ProjectSummary } from '@dvp/api';
import type { Identity } from '../auth/identity.ts';
import type { AppContext } from '../context.ts';
import { phaseOf } from './listers.ts';
import { listAsUser, mayRead, readCollection } from './reads.ts';

type DataContext = Pick<AppContext, 'reviewer' | 'cache' | 'rest'>;

/** Kinds a project summary counts (each only where the user may list it). */
export const PROJECT_COUNTED: readonly ApiResourceName[] = [
  'virtualmachines',
  'virtualdisks',
  'virtualimages',
  'virtualdisksnapshots',
  'virtualmachinesnapshots',
  'virtualmachineoperations',
];

// Access reviews for many namespaces go out in parallel, but not all at once.
const REVIEW_CONCURRENCY = 16;

async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

async function byName(
  ctx: DataContext,
  identity: Identity,
  resource: 'namespaces' | 'projects',
  userMayList: boolean,
): Promise<Map<string, KubeObject>> {
  // Names to consider come from the BFF's own cache; what a user sees of them is decided below.
  const inf = await ctx.cache.tryReady(resource);
  const objs = inf
    ? inf.list()
    : userMayList
      ? (await listAsUser(ctx, identity, resource, undefined)).objects
      : [];
  return new Map([...objs].map((o) => [o.metadata.name ?? '', o]));
}

function countPhases(objs: Iterable<KubeObject>, resource: ApiResourceName) {
  let total = 0;
  const byPhase: Record<string, number> = {};
  for (const o of objs) {
    total += 1;
    const p = phaseOf(resource, o) ?? 'Pending';
    byPhase[p] = (byPhase[p] ?? 0) + 1;
  }
  return { total, byPhase };
}

/**
 * `projectList`: DVP Projects and namespaces the user can work in. A namespace is shown when the
 * cluster lets the user list VMs there (or list namespaces at all); the Project's or namespace's
 * own fields only when the user may read that object; counts only for kinds the user may list.
 */
export async function projectSummaries(
  ctx: DataContext,
  identity: Identity,
  signal?: AbortSignal,
): Promise<ProjectSummary[]> {
  const [listNs, listProjects, ...clusterWide] = await Promise.all([
    mayRead(ctx, identity, 'namespaces', 'list'),
    mayRead(ctx, identity, 'projects', 'list'),
    ...PROJECT_COUNTED.map((r) => mayRead(ctx, identity, r, 'list')),
  ]);
  const [namespaces, projects] = await Promise.all([
    byName(ctx, identity, 'namespaces', listNs),
    byName(ctx, identity, 'projects', listProjects),
  ]);
  const candidates = [...new Set([...namespaces.keys(), ...projects.keys()])].sort();
  const visible = await mapLimit(candidates, REVIEW_CONCURRENCY, async (name) =>
    listNs || (listProjects && projects.has(name))
      ? true
      : mayRead(ctx, identity, 'virtualmachines', 'list', name),
  );
  const names = candidates.filter((_, i) => visible[i]);
  return mapLimit(names, REVIEW_CONCURRENCY, async (name) => {
    const project = projects.get(name);
    const ns = namespaces.get(name);
    const [seeProject, seeNs] = await Promise.all([
      project ? listProjects || mayRead(ctx, identity, 'projects', 'get', undefined, name) : false,
      ns ? listNs || mayRead(ctx, identity, 'namespaces', 'get', undefined, name) : false,
    ]);
    const counts: ProjectSummary['counts'] = {};
    await Promise.all(
      PROJECT_COUNTED.map(async (r, i) => {
        if (!ns) return;
        if (!(clusterWide[i] || (await mayRead(ctx, identity, r, 'list', name)))) return;
        counts[r] = countPhases((await readCollection(ctx, identity, r, name, signal)).objects, r);
      }),
    );
    const summary: ProjectSummary = {
      name,
      source: seeProject ? 'Project' : 'Namespace',
      counts,
    };
    const shown = seeProject ? project : seeNs ? ns : undefined;
    const description = seeProject
      ? (project?.spec as { description?: string } | undefined)?.description
      : undefined;
    if (description) summary.description = description;
    const state = shown ? phaseOf(seeProject ? 'projects' : 'namespaces', shown) : null;
    if (state) summary.state = state;
    if (shown?.metadata.creationTimestamp)
      summary.creationTimestamp = shown.metadata.creationTimestamp;
    return summary;
  });
}
