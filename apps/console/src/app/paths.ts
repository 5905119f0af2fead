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
  images: (project: string) => `/projects/${enc(project)}/images`,
  snapshots: (project: string) => `/projects/${enc(project)}/snapshots`,
  clusterImages: () => '/system/cluster-images',
  classes: () => '/system/classes',
  nodes: () => '/system/nodes',
  settings: () => '/system/settings',
};
