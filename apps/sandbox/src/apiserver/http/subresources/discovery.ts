/**
 * Discovery of the aggregated `subresources.virtualization.deckhouse.io/v1alpha2` API
 * (virtualization-api, dvp-api.md §14): a stub `virtualmachines` resource (get only) and its
 * stream and action subresources. Kept at the end of the group list so `kubectl get vm`
 * resolves to the CRD group, as DVP's low `groupPriorityMinimum` does.
 */

/** The aggregated API group of DVP's streams and actions. */
export const SUBRESOURCES_GROUP = 'subresources.virtualization.deckhouse.io';
export const SUBRESOURCES_VERSION = 'v1alpha2';

/** Each subresource of `virtualmachines`, its kind and the verbs the API server accepts. */
export const VM_SUBRESOURCES: readonly { name: string; kind: string; verbs: string[] }[] = [
  { name: 'console', kind: 'VirtualMachineConsole', verbs: ['get'] },
  { name: 'vnc', kind: 'VirtualMachineVNC', verbs: ['get'] },
  { name: 'portforward', kind: 'VirtualMachinePortForward', verbs: ['get'] },
  { name: 'addvolume', kind: 'VirtualMachineAddVolume', verbs: ['update'] },
  { name: 'removevolume', kind: 'VirtualMachineRemoveVolume', verbs: ['update'] },
  { name: 'freeze', kind: 'VirtualMachineFreeze', verbs: ['update'] },
  { name: 'unfreeze', kind: 'VirtualMachineUnfreeze', verbs: ['update'] },
  { name: 'cancelevacuation', kind: 'VirtualMachineCancelEvacuation', verbs: ['update'] },
];

const GROUP_VERSION = `${SUBRESOURCES_GROUP}/${SUBRESOURCES_VERSION}`;

/** `GET /apis/subresources.virtualization.deckhouse.io` and its entry in `/apis`. */
export function subresourcesApiGroup() {
  const version = { groupVersion: GROUP_VERSION, version: SUBRESOURCES_VERSION };
  return {
    kind: 'APIGroup',
    apiVersion: 'v1',
    name: SUBRESOURCES_GROUP,
    versions: [version],
    preferredVersion: version,
  };
}

/** `GET /apis/subresources.virtualization.deckhouse.io/v1alpha2`. */
export function subresourcesResourceList() {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: GROUP_VERSION,
    resources: [
      {
        name: 'virtualmachines',
        singularName: 'virtualmachine',
        namespaced: true,
        kind: 'VirtualMachine',
        verbs: ['get'],
      },
      ...VM_SUBRESOURCES.map((s) => ({
        name: `virtualmachines/${s.name}`,
        singularName: '',
        namespaced: true,
        kind: s.kind,
        verbs: s.verbs,
      })),
    ],
  };
}

/** The group's item in aggregated discovery (`/apis` with `as=APIGroupDiscoveryList`). */
export function subresourcesAggregatedItem() {
  const responseKind = { group: SUBRESOURCES_GROUP, version: SUBRESOURCES_VERSION };
  return {
    metadata: { name: SUBRESOURCES_GROUP, creationTimestamp: null },
    versions: [
      {
        version: SUBRESOURCES_VERSION,
        freshness: 'Current',
        resources: [
          {
            resource: 'virtualmachines',
            responseKind: { ...responseKind, kind: 'VirtualMachine' },
            scope: 'Namespaced',
            singularResource: 'virtualmachine',
            verbs: ['get'],
            subresources: VM_SUBRESOURCES.map((s) => ({
              subresource: s.name,
              responseKind: { ...responseKind, kind: s.kind },
              verbs: s.verbs,
            })),
          },
        ],
      },
    ],
  };
}
