import {
  apiVersionOf,
  resourceDefinitions,
  storageVersion,
  type ResourceDefinition,
} from '@dvp/api';
import { eventFromV1, eventToV1 } from './conversions/events.ts';
import { classFromStorage, classToStorage } from './conversions/vm-class.ts';
import type { KubeObject } from './types.ts';

/**
 * One (group, version, plural) endpoint. Several endpoints may share one storage identity: a kind
 * served in two versions (VirtualMachineClass v1alpha2/v1alpha3) or in two groups (core/v1 Event and
 * events.k8s.io/v1 Event). Objects are stored in the storage form and converted on the way in and out.
 */
export interface ServedResource {
  readonly def: ResourceDefinition;
  readonly group: string;
  readonly version: string;
  readonly apiVersion: string;
  /** Storage identity shared by every endpoint of the same objects. */
  readonly storage: string;
  /** Group and version of the storage form (what validation and admission see). */
  readonly storageGroup: string;
  readonly storageVersion: string;
  /** Converts an object of this endpoint's version into the storage form. */
  toStorage(obj: KubeObject): KubeObject;
  /** Converts a stored object into this endpoint's version. */
  fromStorage(obj: KubeObject): KubeObject;
  /** True when stored objects are already in this endpoint's form (no conversion needed). */
  readonly identity: boolean;
}

const same = (o: KubeObject): KubeObject => o;

function storageIdentity(def: ResourceDefinition): string {
  // events.k8s.io/v1 Events are a second view of core/v1 Events.
  if (def.group === 'events.k8s.io' && def.plural === 'events') return 'core/events';
  return `${def.group || 'core'}/${def.plural}`;
}

function build(def: ResourceDefinition, version: string): ServedResource {
  const apiVersion = apiVersionOf(def.group, version);
  // events.k8s.io/v1 Events are stored (and validated) as core/v1 Events.
  const isEventsV1 = def.group === 'events.k8s.io';
  const base = {
    def,
    group: def.group,
    version,
    apiVersion,
    storage: storageIdentity(def),
    storageGroup: isEventsV1 ? '' : def.group,
    storageVersion: isEventsV1 ? 'v1' : storageVersion(def),
  };
  if (isEventsV1) {
    return { ...base, toStorage: eventToV1, fromStorage: eventFromV1, identity: false };
  }
  if (version !== storageVersion(def)) {
    if (def.kind !== 'VirtualMachineClass') {
      throw new Error(`no conversion for ${def.kind} ${version}`);
    }
    return {
      ...base,
      toStorage: classToStorage,
      fromStorage: (o) => classFromStorage(o, version),
      identity: false,
    };
  }
  return { ...base, toStorage: same, fromStorage: same, identity: true };
}

/** Every served endpoint, indexed for routing. */
export class Registry {
  private readonly byPath = new Map<string, ServedResource>();
  private readonly byKind = new Map<string, ServedResource>();
  readonly all: readonly ServedResource[];

  constructor(defs: readonly ResourceDefinition[] = resourceDefinitions) {
    const all: ServedResource[] = [];
    for (const def of defs) {
      for (const v of def.versions) {
        const s = build(def, v.name);
        all.push(s);
        this.byPath.set(`${def.group}/${v.name}/${def.plural}`, s);
        if (v.storage) this.byKind.set(`${def.group}/${def.kind}`, s);
      }
    }
    this.all = all;
  }

  /** The endpoint for a URL's group, version and plural. */
  lookup(group: string, version: string, plural: string): ServedResource | undefined {
    return this.byPath.get(`${group}/${version}/${plural}`);
  }

  /** The storage-version endpoint of a kind. */
  byGroupKind(group: string, kind: string): ServedResource | undefined {
    return this.byKind.get(`${group}/${kind}`);
  }

  /** Endpoints grouped by API group, then version, in discovery order. */
  groups(): Map<string, Map<string, ServedResource[]>> {
    const out = new Map<string, Map<string, ServedResource[]>>();
    for (const s of this.all) {
      let versions = out.get(s.group);
      if (!versions) out.set(s.group, (versions = new Map<string, ServedResource[]>()));
      let list = versions.get(s.version);
      if (!list) versions.set(s.version, (list = []));
      list.push(s);
    }
    return out;
  }
}
