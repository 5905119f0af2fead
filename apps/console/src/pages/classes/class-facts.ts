/** Typed views of a VirtualMachineClass's spec and status (objects arrive as `KubeObject`). */
import type { Condition, KubeObject } from '@dvp/api';
import type { ClassSpec } from './form/model.ts';

export const DEFAULT_CLASS_ANNOTATION =
  'virtualmachineclass.virtualization.deckhouse.io/is-default-class';

export interface ClassStatus {
  phase?: string;
  availableNodes?: string[];
  conditions?: Condition[];
  cpuFeatures?: { enabled?: string[]; notEnabledCommon?: string[] };
  maxAllocatableResources?: Record<string, string>;
}

export function classSpec(o: KubeObject): Partial<ClassSpec> {
  return (o.spec as Partial<ClassSpec> | undefined) ?? {};
}

export function classStatus(o: KubeObject): ClassStatus {
  return (o.status as ClassStatus | undefined) ?? {};
}

export function isDefaultClass(o: KubeObject): boolean {
  return o.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true';
}
