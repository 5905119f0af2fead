/**
 * The people a fresh sandbox knows, each chosen to show one shape of access in the console.
 * `generateTokensFile()` gives each a random token; `bootstrapRbac()` grants what is listed here.
 *
 * | User          | Groups           | What they may do                                                                                        |
 * |---------------|------------------|---------------------------------------------------------------------------------------------------------|
 * | `admin`       | `system:masters` | Everything (kube's superuser group, bound to `cluster-admin`).                                          |
 * | `alice`       | —                | Administrator of the demo project: `d8:project:admin` there (create/delete VMs, disks, images, VMOPs, console, secrets, quotas, RoleBindings). Reads the cluster catalog (ClusterVirtualImages, VirtualMachineClasses). Nothing in other namespaces, no nodes. |
 * | `dave`        | —                | User of the demo project: `d8:use:role:user:virtualization` (sees everything, runs VMOPs, opens console/VNC, reads secrets) but cannot create or delete VMs or disks. Reads the cluster catalog. |
 * | `bob`         | —                | Viewer of the demo project: `d8:use:role:viewer:virtualization` (get/list/watch only; no console, no secrets). Reads the cluster catalog. |
 * | `carol`       | —                | Virtualization cluster manager: `d8:manage:virtualization:manager` (create/update ClusterVirtualImages and VirtualMachineClasses, manage nodes and namespaces); no rights inside projects. |
 * | `mallory`     | —                | Authenticated only: discovery, `/version`, and her own access reviews. Everything else is forbidden.    |
 * | `dvp-console` | —                | The console's backend: may impersonate users, groups, uids and service accounts, and nothing else.      |
 *
 * Everyone also gets `system:authenticated` on login, as kube-apiserver adds it.
 * Grants go to `User` subjects, not to groups, so the same rights hold whether the console sends a
 * user's bearer token or impersonates them with `Impersonate-User` only (which carries no groups).
 */
export interface SandboxUser {
  username: string;
  uid: string;
  groups: string[];
  /** One line for the console's user switcher. */
  description: string;
}

export const ADMIN_USER = 'admin';
/** The identity of the console's backend (BFF) when it acts for users through impersonation. */
export const CONSOLE_USER = 'dvp-console';

export const sandboxUsers: readonly SandboxUser[] = [
  {
    username: ADMIN_USER,
    uid: 'sandbox-admin',
    groups: ['system:masters'],
    description: 'Cluster administrator: may do everything.',
  },
  {
    username: 'alice',
    uid: 'sandbox-alice',
    groups: [],
    description: 'Administrator of the demo project: creates and runs VMs, manages project access.',
  },
  {
    username: 'dave',
    uid: 'sandbox-dave',
    groups: [],
    description:
      'User of the demo project: operates VMs (start/stop, console) but cannot create them.',
  },
  {
    username: 'bob',
    uid: 'sandbox-bob',
    groups: [],
    description: 'Viewer of the demo project: sees VMs and disks, changes nothing.',
  },
  {
    username: 'carol',
    uid: 'sandbox-carol',
    groups: [],
    description:
      'Virtualization manager: manages cluster images and VM classes, no project access.',
  },
  {
    username: 'mallory',
    uid: 'sandbox-mallory',
    groups: [],
    description: 'Signed in without any rights: everything is forbidden.',
  },
  {
    username: CONSOLE_USER,
    uid: 'sandbox-dvp-console',
    groups: [],
    description: 'The console backend: may only impersonate other users.',
  },
];
