/** Every page's URL, built in one place (deep links: pages, tabs and dialogs live in the URL). */
export const VM_TABS = [
  'overview',
  'configuration',
  'meta',
  'events',
  'tty',
  'vnc',
  'yaml',
] as const;
export type VmTab = (typeof VM_TABS)[number];

const enc = encodeURIComponent;

export const paths = {
  projects: () => '/projects',
  vms: (project: string) => `/projects/${enc(project)}/vms`,
  vmCreate: (project: string) => `/projects/${enc(project)}/vms/new`,
  vm: (project: string, name: string, tab: VmTab = 'overview') =>
    `/projects/${enc(project)}/vms/${enc(name)}/${tab}`,
  disks: (project: string) => `/projects/${enc(project)}/disks`,
  disk: (project: string, name: string) => `/projects/${enc(project)}/disks/${enc(name)}`,
  images: (project: string) => `/projects/${enc(project)}/images`,
  image: (project: string, name: string) => `/projects/${enc(project)}/images/${enc(name)}`,
  snapshots: (project: string) => `/projects/${enc(project)}/snapshots`,
  diskSnapshots: (project: string) => `/projects/${enc(project)}/snapshots/disks`,
  diskSnapshot: (project: string, name: string) =>
    `/projects/${enc(project)}/snapshots/disks/${enc(name)}`,
  vmSnapshots: (project: string) => `/projects/${enc(project)}/snapshots/vms`,
  vmSnapshot: (project: string, name: string) =>
    `/projects/${enc(project)}/snapshots/vms/${enc(name)}`,
  ipAddresses: (project: string) => `/projects/${enc(project)}/network/ip-addresses`,
  services: (project: string) => `/projects/${enc(project)}/network/services`,
  service: (project: string, name: string) =>
    `/projects/${enc(project)}/network/services/${enc(name)}`,
  ingresses: (project: string) => `/projects/${enc(project)}/network/ingresses`,
  clusterImages: () => '/system/cluster-images',
  clusterImage: (name: string) => `/system/cluster-images/${enc(name)}`,
  classes: () => '/system/classes',
  classCreate: () => '/system/classes/new',
  class: (name: string) => `/system/classes/${enc(name)}`,
  nodes: () => '/system/nodes',
  node: (name: string) => `/system/nodes/${enc(name)}`,
  ipLeases: () => '/system/ip-leases',
  settings: () => '/system/modules/virtualization',
};
