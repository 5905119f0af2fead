import type { VmRow } from '@dvp/api';

/** A Running VM list row for unit tests; override what the test is about. */
export function vmRowFixture(extra: Partial<VmRow> = {}): VmRow {
  const name = extra.name ?? 'vm';
  return {
    name,
    namespace: 'demo',
    uid: `uid-${name}`,
    resourceVersion: '1',
    creationTimestamp: '2026-01-01T00:00:00Z',
    labels: {},
    phase: 'Running',
    cores: 1,
    coreFraction: '10%',
    memory: '1Gi',
    needRestart: false,
    agent: true,
    migratable: true,
    node: 'node-1',
    ipAddress: null,
    lastStartTime: null,
    className: 'generic',
    runPolicy: 'AlwaysOnUnlessStoppedManually',
    disks: [],
    lastOperation: null,
    ...extra,
  };
}
