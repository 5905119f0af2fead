import type { FieldCause } from '@dvp/api';
import type { KubeObject, UserInfo } from '../apiserver/types.ts';

/** Synchronous reads of current state (the store is in memory). */
export interface AdmissionContext {
  get(group: string, kind: string, name: string, namespace?: string): KubeObject | undefined;
  list(group: string, kind: string, namespace?: string): KubeObject[];
}

/** One write as the admission chain sees it, after schema validation and before storage. */
export interface AdmissionRequest {
  operation: 'CREATE' | 'UPDATE' | 'DELETE';
  group: string;
  kind: string;
  version: string;
  /** 'status' for status writes (plugins usually skip those). */
  subresource?: string;
  /** The new object (for DELETE: the current one). */
  object: KubeObject;
  /** UPDATE/DELETE. */
  oldObject?: KubeObject;
  user: UserInfo;
  dryRun: boolean;
}

/** What validation found: causes → 422 Invalid; warnings → `Warning:` response headers. */
export interface AdmissionResult {
  causes: FieldCause[];
  warnings: string[];
}

/** The sandbox's stand-in for one DVP admission webhook pair (mutating + validating). */
export interface AdmissionPlugin {
  group: string;
  kind: string;
  /** Mutating admission: may change req.object in place (defaults a webhook would fill). */
  mutate?(req: AdmissionRequest, ctx: AdmissionContext): void;
  /** Validating admission: causes → 422 Invalid; warnings → `Warning:` response headers. */
  validate?(req: AdmissionRequest, ctx: AdmissionContext): AdmissionResult;
}
