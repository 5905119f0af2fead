/**
 * Complete manifests copied from the product docs (seeds 000, 001, 002, 004), embedded as strings
 * so that tests anywhere in the workspace can use them without file-system access. Each entry is
 * also a `.yaml` file in this folder (with a `# from seed …` header) for applying with kubectl;
 * `seed-manifests.test.ts` checks that both stay identical.
 *
 * Left out on purpose: examples without `metadata.name` (they use `generateName`), names that are
 * shell substitutions (`restart-linux-vm-$(date +%s)`), and examples with placeholders
 * (`<base64 data>`, `<username>`, `<vmclass-name>`, `{ ... }`).
 */

/** One manifest from the product docs. */
export interface SeedManifest {
  /** File name in this folder: `<seed>-<kind>-<name>.yaml` (`--2` for a second, different one). */
  file: string;
  /** The seed document, e.g. `000`. */
  seed: string;
  /** The section heading the example sits under. */
  section: string;
  kind: string;
  apiVersion: string;
  name: string;
  /** The manifest exactly as in the docs (without the `# from seed` header line). */
  yaml: string;
}

/** Every complete manifest from the seeds, in document order. */
export const seedManifests: readonly SeedManifest[] = [
  {
    file: '000-virtualimage-ubuntu.yaml',
    seed: '000',
    section: 'Quick start on creating a VM',
    kind: 'VirtualImage',
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    name: 'ubuntu',
    yaml: `apiVersion: virtualization.deckhouse.io/v1alpha2
kind: VirtualImage
metadata:
  name: ubuntu
spec:
  storage: ContainerRegistry
  dataSource:
    type: HTTP
    http:
      url: https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img
`,
  },
  {
    file: '000-virtualdisk-linux-disk.yaml',
    seed: '000',
    section: 'Quick start on creating a VM',
    kind: 'VirtualDisk',
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    name: 'linux-disk',
    yaml: `apiVersion: virtualization.deckhouse.io/v1alpha2
kind: VirtualDisk
metadata:
  name: linux-disk
spec:
  dataSource:
    type: ObjectRef
    objectRef:
      kind: VirtualImage
      name: ubuntu
`,
  },
  {
    file: '000-virtualmachine-linux-vm.yaml',
    seed: '000',
    section: 'Quick start on creating a VM',
    kind: 'VirtualMachine',
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    name: 'linux-vm',
    yaml: `apiVersion: virtualization.deckhouse.io/v1alpha2
kind: VirtualMachine
metadata:
  name: linux-vm
spec:
  virtualMachineClassName: generic
  cpu:
    cores: 1
  memory:
    size: 1Gi
  provisioning:
    type: UserData
    userData: |
      #cloud-config
      ssh_pwauth: True
      users:
        - name: cloud
          passwd: "$6$rounds=4096$saltsalt$fPmUsbjAuA7mnQNTajQM6ClhesyG0.yyQhvahas02ejfMAq1ykBo1RquzS0R6GgdIDlvS.kbUwDablGZKZcTP/"
          shell: /bin/bash
          sudo: ALL=(ALL) NOPASSWD:ALL
          lock_passwd: False
  blockDeviceRefs:
    - kind: VirtualDisk
      name: linux-disk
`,
  },
  {
    file: '000-virtualmachine-linux-vm--2.yaml',
    seed: '000',
    section: 'Creating a virtual machine',
    kind: 'VirtualMachine',
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    name: 'linux-vm',
    yaml: `apiVersion: virtualization.deckhouse.io/v1alpha2
kind: VirtualMachine
metadata:
  name: linux-vm
spec:
  # VM class name.
  virtualMachineClassName: generic
  # Block of scripts for the initial initialization of the VM.
  provisioning:
    type: UserData
    # Example cloud-init script to create cloud user with cloud password and install qemu-guest-agent service and nginx service.
    userData: |
      #cloud-config
      package_update: true
      packages:
        - nginx
        - qemu-guest-agent
      run_cmd:
        - systemctl daemon-reload
        - systemctl enable --now nginx.service
        - systemctl enable --now qemu-guest-agent.service
      ssh_pwauth: True
      users:
        - name: cloud
          passwd: "$6$rounds=4096$saltsalt$fPmUsbjAuA7mnQNTajQM6ClhesyG0.yyQhvahas02ejfMAq1ykBo1RquzS0R6GgdIDlvS.kbUwDablGZKZcTP/"
          shell: /bin/bash
          sudo: ALL=(ALL) NOPASSWD:ALL
          lock_passwd: False
      final_message: "The system is finally up, after $UPTIME seconds"
  # VM resource settings.
  cpu:
    # Number of CPU cores.
    cores: 1
    # Request 10% of the CPU time of one physical core.
    coreFraction: 10%
  memory:
    # Amount of RAM.
    size: 1Gi
  # List of disks and images used in the VM.
  blockDeviceRefs:
    # The order of disks and images in this block determines the boot priority.
    - kind: VirtualDisk
      name: linux-vm-root
`,
  },
  {
    file: '000-virtualmachineblockdeviceattachment-attach-blank-disk.yaml',
    seed: '000',
    section: 'Dynamic Block Devices',
    kind: 'VirtualMachineBlockDeviceAttachment',
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    name: 'attach-blank-disk',
    yaml: `apiVersion: virtualization.deckhouse.io/v1alpha2
kind: VirtualMachineBlockDeviceAttachment
metadata:
  name: attach-blank-disk
spec:
  blockDeviceRef:
    kind: VirtualDisk
    name: blank-disk
  virtualMachineName: linux-vm
`,
  },
  {
    file: '000-virtualmachineblockdeviceattachment-attach-ubuntu-iso.yaml',
    seed: '000',
    section: 'Dynamic Block Devices',
    kind: 'VirtualMachineBlockDeviceAttachment',
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    name: 'attach-ubuntu-iso',
    yaml: `apiVersion: virtualization.deckhouse.io/v1alpha2
kind: VirtualMachineBlockDeviceAttachment
metadata:
  name: attach-ubuntu-iso
spec:
  blockDeviceRef:
    kind: VirtualImage # or ClusterVirtualImage
    name: ubuntu-iso
  virtualMachineName: linux-vm
`,
  },
  {
    file: '000-service-http.yaml',
    seed: '000',
    section: 'Headless service',
    kind: 'Service',
    apiVersion: 'v1',
    name: 'http',
    yaml: `apiVersion: v1
kind: Service
metadata:
  name: http
  namespace: default
spec:
  clusterIP: None
  selector:
    # Label by which the service determines which virtual machine to direct traffic to.
    app: nginx
`,
  },
  {
    file: '000-service-http--2.yaml',
    seed: '000',
    section: 'ClusterIP service',
    kind: 'Service',
    apiVersion: 'v1',
    name: 'http',
    yaml: `apiVersion: v1
kind: Service
metadata:
  name: http
spec:
  selector:
    # Label by which the service determines which virtual machine to route traffic to.
    app: nginx
`,
  },
  {
    file: '000-service-linux-vm-nginx-nodeport.yaml',
    seed: '000',
    section: 'Publish virtual machine services using a service with the NodePort type',
    kind: 'Service',
    apiVersion: 'v1',
    name: 'linux-vm-nginx-nodeport',
    yaml: `apiVersion: v1
kind: Service
metadata:
  name: linux-vm-nginx-nodeport
spec:
  type: NodePort
  selector:
    # label by which the service determines which virtual machine to direct traffic to
    app: nginx
  ports:
    - protocol: TCP
      port: 80
      targetPort: 80
      nodePort: 31880
`,
  },
  {
    file: '000-service-linux-vm-nginx-lb.yaml',
    seed: '000',
    section:
      'Publishing virtual machine services using a service with the LoadBalancer service type',
    kind: 'Service',
    apiVersion: 'v1',
    name: 'linux-vm-nginx-lb',
    yaml: `apiVersion: v1
kind: Service
metadata:
  name: linux-vm-nginx-lb
spec:
  type: LoadBalancer
  selector:
    # label by which the service determines which virtual machine to direct traffic to
    app: nginx
  ports:
    - protocol: TCP
      port: 80
      targetPort: 80
`,
  },
  {
    file: '000-service-linux-vm-nginx.yaml',
    seed: '000',
    section: 'Publish virtual machine services using Ingress',
    kind: 'Service',
    apiVersion: 'v1',
    name: 'linux-vm-nginx',
    yaml: `apiVersion: v1
kind: Service
metadata:
  name: linux-vm-nginx
spec:
  selector:
    # label by which the service determines which virtual machine to direct traffic to
    app: nginx
  ports:
    - protocol: TCP
      port: 80
      targetPort: 80
`,
  },
  {
    file: '000-ingress-linux-vm.yaml',
    seed: '000',
    section: 'Publish virtual machine services using Ingress',
    kind: 'Ingress',
    apiVersion: 'networking.k8s.io/v1',
    name: 'linux-vm',
    yaml: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: linux-vm
spec:
  rules:
    - host: linux-vm.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: linux-vm-nginx
                port:
                  number: 80
`,
  },
  {
    file: '000-virtualmachineipaddress-linux-vm-custom-ip.yaml',
    seed: '000',
    section: 'How to request a required ip address?',
    kind: 'VirtualMachineIPAddress',
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    name: 'linux-vm-custom-ip',
    yaml: `apiVersion: virtualization.deckhouse.io/v1alpha2
kind: VirtualMachineIPAddress
metadata:
  name: linux-vm-custom-ip
spec:
  staticIP: 10.66.20.77
  type: Static
`,
  },
  {
    file: '001-virtualmachine-linux-vm.yaml',
    seed: '001',
    section: 'Creating VM',
    kind: 'VirtualMachine',
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    name: 'linux-vm',
    yaml: `apiVersion: virtualization.deckhouse.io/v1alpha2
kind: VirtualMachine
metadata:
  name: linux-vm
spec:
  # Virtual machine class name.
  virtualMachineClassName: host
  # Cloud-init script block for provisioning the VM.
  provisioning:
    type: UserData
    # Example cloud-init script to create the user "cloud" with the password "cloud" and install the qemu-guest-agent and nginx services.
    userData: |
      #cloud-config
      package_update: true
      packages:
        - nginx
        - qemu-guest-agent
      run_cmd:
        - systemctl daemon-reload
        - systemctl enable --now nginx.service
        - systemctl enable --now qemu-guest-agent.service
      ssh_pwauth: True
      users:
      - name: cloud
        passwd: '$6$rounds=4096$saltsalt$fPmUsbjAuA7mnQNTajQM6ClhesyG0.yyQhvahas02ejfMAq1ykBo1RquzS0R6GgdIDlvS.kbUwDablGZKZcTP/'
        shell: /bin/bash
        sudo: ALL=(ALL) NOPASSWD:ALL
        lock_passwd: False
      final_message: "The system is finally up, after $UPTIME seconds"
  # VM resource settings.
  cpu:
    # Number of CPU cores.
    cores: 1
    # Request 10% of a physical core's CPU time.
    coreFraction: 10%
  memory:
    # Amount of RAM.
    size: 1Gi
  # List of disks and images used in the VM.
  blockDeviceRefs:
    # The order of disks and images in this block determines the boot priority.
    - kind: VirtualDisk
      name: linux-vm-root
`,
  },
  {
    file: '001-virtualmachineblockdeviceattachment-attach-blank-disk.yaml',
    seed: '001',
    section: 'Dynamic Block Devices',
    kind: 'VirtualMachineBlockDeviceAttachment',
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    name: 'attach-blank-disk',
    yaml: `apiVersion: virtualization.deckhouse.io/v1alpha2
kind: VirtualMachineBlockDeviceAttachment
metadata:
  name: attach-blank-disk
spec:
  blockDeviceRef:
    kind: VirtualDisk
    name: blank-disk
  virtualMachineName: linux-vm
`,
  },
  {
    file: '001-virtualmachineblockdeviceattachment-attach-ubuntu-iso.yaml',
    seed: '001',
    section:
      'Diagnosing problems with a resource is done by analyzing the information in the .status.conditions block',
    kind: 'VirtualMachineBlockDeviceAttachment',
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    name: 'attach-ubuntu-iso',
    yaml: `apiVersion: virtualization.deckhouse.io/v1alpha2
kind: VirtualMachineBlockDeviceAttachment
metadata:
  name: attach-ubuntu-iso
spec:
  blockDeviceRef:
    kind: VirtualImage # or ClusterVirtualImage
    name: ubuntu-iso
  virtualMachineName: linux-vm
`,
  },
  {
    file: '001-service-http.yaml',
    seed: '001',
    section: 'Headless service',
    kind: 'Service',
    apiVersion: 'v1',
    name: 'http',
    yaml: `apiVersion: v1
kind: Service
metadata:
  name: http
  namespace: default
spec:
  clusterIP: None
  selector:
    # Label by which the service determines which virtual machine to direct traffic to.
    app: nginx
`,
  },
  {
    file: '001-service-http--2.yaml',
    seed: '001',
    section: 'ClusterIP service',
    kind: 'Service',
    apiVersion: 'v1',
    name: 'http',
    yaml: `apiVersion: v1
kind: Service
metadata:
  name: http
spec:
  selector:
    # Label by which the service determines which virtual machine to route traffic to.
    app: nginx
`,
  },
  {
    file: '001-service-linux-vm-nginx-nodeport.yaml',
    seed: '001',
    section: 'Publish virtual machine services using a service with the NodePort type',
    kind: 'Service',
    apiVersion: 'v1',
    name: 'linux-vm-nginx-nodeport',
    yaml: `apiVersion: v1
kind: Service
metadata:
  name: linux-vm-nginx-nodeport
spec:
  type: NodePort
  selector:
    # label by which the service determines which virtual machine to direct traffic to
    app: nginx
  ports:
    - protocol: TCP
      port: 80
      targetPort: 80
      nodePort: 31880
`,
  },
  {
    file: '001-service-linux-vm-nginx-lb.yaml',
    seed: '001',
    section:
      'Publishing virtual machine services using a service with the LoadBalancer service type',
    kind: 'Service',
    apiVersion: 'v1',
    name: 'linux-vm-nginx-lb',
    yaml: `apiVersion: v1
kind: Service
metadata:
  name: linux-vm-nginx-lb
spec:
  type: LoadBalancer
  selector:
    # label by which the service determines which virtual machine to direct traffic to
    app: nginx
  ports:
    - protocol: TCP
      port: 80
      targetPort: 80
`,
  },
  {
    file: '001-service-linux-vm-nginx.yaml',
    seed: '001',
    section: 'Publish virtual machine services using Ingress',
    kind: 'Service',
    apiVersion: 'v1',
    name: 'linux-vm-nginx',
    yaml: `apiVersion: v1
kind: Service
metadata:
  name: linux-vm-nginx
spec:
  selector:
    # label by which the service determines which virtual machine to direct traffic to
    app: nginx
  ports:
    - protocol: TCP
      port: 80
      targetPort: 80
`,
  },
  {
    file: '001-ingress-linux-vm.yaml',
    seed: '001',
    section: 'Publish virtual machine services using Ingress',
    kind: 'Ingress',
    apiVersion: 'networking.k8s.io/v1',
    name: 'linux-vm',
    yaml: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: linux-vm
spec:
  rules:
    - host: linux-vm.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: linux-vm-nginx
                port:
                  number: 80
`,
  },
  {
    file: '001-virtualmachineipaddress-linux-vm-custom-ip.yaml',
    seed: '001',
    section: 'Requesting the required IP address',
    kind: 'VirtualMachineIPAddress',
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    name: 'linux-vm-custom-ip',
    yaml: `apiVersion: virtualization.deckhouse.io/v1alpha2
kind: VirtualMachineIPAddress
metadata:
  name: linux-vm-custom-ip
spec:
  staticIP: 10.66.20.77
  type: Static
`,
  },
  {
    file: '002-moduleconfig-virtualization.yaml',
    seed: '002',
    section: 'Module parameters',
    kind: 'ModuleConfig',
    apiVersion: 'deckhouse.io/v1alpha1',
    name: 'virtualization',
    yaml: `apiVersion: deckhouse.io/v1alpha1
kind: ModuleConfig
metadata:
  name: virtualization
spec:
  enabled: true
  version: 1
  settings:
    dvcr:
      storage:
        persistentVolumeClaim:
          size: 50G
          storageClassName: sds-replicated-thin-r1
        type: PersistentVolumeClaim
    virtualMachineCIDRs:
      - 10.66.10.0/24
`,
  },
  {
    file: '002-clustervirtualimage-ubuntu-22-04.yaml',
    seed: '002',
    section: 'Creating an image from an HTTP server',
    kind: 'ClusterVirtualImage',
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    name: 'ubuntu-22-04',
    yaml: `apiVersion: virtualization.deckhouse.io/v1alpha2
kind: ClusterVirtualImage
metadata:
  name: ubuntu-22-04
spec:
  # Source for creating an image.
  dataSource:
    type: HTTP
    http:
      url: https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img
`,
  },
  {
    file: '002-clustervirtualimage-some-image.yaml',
    seed: '002',
    section: 'Uploading an image via CLI',
    kind: 'ClusterVirtualImage',
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    name: 'some-image',
    yaml: `apiVersion: virtualization.deckhouse.io/v1alpha2
kind: ClusterVirtualImage
metadata:
  name: some-image
spec:
  dataSource:
    type: Upload
`,
  },
  {
    file: '004-virtualimage-ubuntu.yaml',
    seed: '004',
    section: 'Quick start on creating a VM',
    kind: 'VirtualImage',
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    name: 'ubuntu',
    yaml: `apiVersion: virtualization.deckhouse.io/v1alpha2
kind: VirtualImage
metadata:
  name: ubuntu
spec:
  storage: ContainerRegistry
  dataSource:
    type: HTTP
    http:
      url: 'https://cloud-images.ubuntu.com/minimal/releases/jammy/release/ubuntu-22.04-minimal-cloudimg-amd64.img'
`,
  },
  {
    file: '004-virtualdisk-linux-disk.yaml',
    seed: '004',
    section: 'Quick start on creating a VM',
    kind: 'VirtualDisk',
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    name: 'linux-disk',
    yaml: `apiVersion: virtualization.deckhouse.io/v1alpha2
kind: VirtualDisk
metadata:
  name: linux-disk
spec:
  dataSource:
    type: ObjectRef
    objectRef:
      kind: VirtualImage
      name: ubuntu
`,
  },
  {
    file: '004-virtualmachine-linux-vm.yaml',
    seed: '004',
    section: 'Quick start on creating a VM',
    kind: 'VirtualMachine',
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    name: 'linux-vm',
    yaml: `apiVersion: virtualization.deckhouse.io/v1alpha2
kind: VirtualMachine
metadata:
  name: linux-vm
spec:
  virtualMachineClassName: host
  cpu:
    cores: 1
  memory:
    size: 1Gi
  provisioning:
    type: UserData
    userData: |
      #cloud-config
      ssh_pwauth: True
      users:
      - name: cloud
        passwd: '$6$rounds=4096$saltsalt$fPmUsbjAuA7mnQNTajQM6ClhesyG0.yyQhvahas02ejfMAq1ykBo1RquzS0R6GgdIDlvS.kbUwDablGZKZcTP/'
        shell: /bin/bash
        sudo: ALL=(ALL) NOPASSWD:ALL
        lock_passwd: False
  blockDeviceRefs:
    - kind: VirtualDisk
      name: linux-disk
`,
  },
  {
    file: '004-virtualimage-ubuntu-22.04.yaml',
    seed: '004',
    section: 'Creating image from HTTP server',
    kind: 'VirtualImage',
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    name: 'ubuntu-22.04',
    yaml: `apiVersion: virtualization.deckhouse.io/v1alpha2
kind: VirtualImage
metadata:
  name: ubuntu-22.04
spec:
  # Save the image to DVCR
  storage: ContainerRegistry
  # The source for the image.
  dataSource:
    type: HTTP
    http:
      url: 'https://cloud-images.ubuntu.com/minimal/releases/jammy/release/ubuntu-22.04-minimal-cloudimg-amd64.img'
`,
  },
  {
    file: '004-virtualimage-ubuntu-22.04-pvc.yaml',
    seed: '004',
    section: 'Creating image from HTTP server',
    kind: 'VirtualImage',
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    name: 'ubuntu-22.04-pvc',
    yaml: `apiVersion: virtualization.deckhouse.io/v1alpha2
kind: VirtualImage
metadata:
  name: ubuntu-22.04-pvc
spec:
  storage: Kubernetes
  dataSource:
    type: HTTP
    http:
      url: 'https://cloud-images.ubuntu.com/minimal/releases/jammy/release/ubuntu-22.04-minimal-cloudimg-amd64.img'
`,
  },
  {
    file: '004-virtualimage-some-image.yaml',
    seed: '004',
    section: 'Load an image from the command line',
    kind: 'VirtualImage',
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    name: 'some-image',
    yaml: `apiVersion: virtualization.deckhouse.io/v1alpha2
kind: VirtualImage
metadata:
  name: some-image
spec:
  # Настройки хранения проектного образа.
  storage: ContainerRegistry
  # Настройки источника образа.
  dataSource:
    type: Upload
`,
  },
  {
    file: '004-virtualimage-linux-vm-root.yaml',
    seed: '004',
    section: 'Creating an image from a disk',
    kind: 'VirtualImage',
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    name: 'linux-vm-root',
    yaml: `apiVersion: virtualization.deckhouse.io/v1alpha2
kind: VirtualImage
metadata:
  name: linux-vm-root
spec:
  storage: ContainerRegistry
  dataSource:
    type: ObjectRef
    objectRef:
      kind: VirtualDisk
      name: linux-vm-root
`,
  },
  {
    file: '004-virtualdisk-blank-disk.yaml',
    seed: '004',
    section: 'Create an empty disk',
    kind: 'VirtualDisk',
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    name: 'blank-disk',
    yaml: `apiVersion: virtualization.deckhouse.io/v1alpha2
kind: VirtualDisk
metadata:
  name: blank-disk
spec:
  # Disk storage parameter settings.
  persistentVolumeClaim:
    # Substitute your StorageClass name.
    storageClassName: i-linstor-thin-r2
    size: 100Mi
`,
  },
  {
    file: '004-virtualdisk-linux-vm-root.yaml',
    seed: '004',
    section: 'Creating a disk from an image',
    kind: 'VirtualDisk',
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    name: 'linux-vm-root',
    yaml: `apiVersion: virtualization.deckhouse.io/v1alpha2
kind: VirtualDisk
metadata:
  name: linux-vm-root
spec:
  # Disk storage parameter settings.
  persistentVolumeClaim:
    # Specify a size larger than the value of the unpacked image.
    size: 10Gi
    # Substitute your StorageClass name.
    storageClassName: i-linstor-thin-r2
  # The source from which the disk is created.
  dataSource:
    type: ObjectRef
    objectRef:
      kind: VirtualImage
      name: ubuntu-22.04
`,
  },
  {
    file: '004-virtualdisk-linux-vm-root-2.yaml',
    seed: '004',
    section: 'Creating a disk from an image',
    kind: 'VirtualDisk',
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    name: 'linux-vm-root-2',
    yaml: `apiVersion: virtualization.deckhouse.io/v1alpha2
kind: VirtualDisk
metadata:
  name: linux-vm-root-2
spec:
  # Disk storage settings.
  persistentVolumeClaim:
    # Substitute your StorageClass name.
    storageClassName: i-linstor-thin-r2
  # The source from which the disk is created.
  dataSource:
    type: ObjectRef
    objectRef:
      kind: VirtualImage
      name: ubuntu-22.04
`,
  },
  {
    file: '004-virtualmachine-linux-vm--2.yaml',
    seed: '004',
    section: 'Creating a virtual machine',
    kind: 'VirtualMachine',
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    name: 'linux-vm',
    yaml: `apiVersion: virtualization.deckhouse.io/v1alpha2
kind: VirtualMachine
metadata:
  name: linux-vm
spec:
  # VM class name.
  virtualMachineClassName: host
  # Block of scripts for the initial initialization of the VM.
  provisioning:
    type: UserData
    # Example cloud-init script to create cloud user with cloud password and install qemu-guest-agent service and nginx service.
    userData: |
      #cloud-config
      package_update: true
      packages:
        - nginx
        - qemu-guest-agent
      run_cmd:
        - systemctl daemon-relaod
        - systemctl enable --now nginx.service
        - systemctl enable --now qemu-guest-agent.service
      ssh_pwauth: True
      users:
      - name: cloud
        passwd: '$6$rounds=4096$saltsalt$fPmUsbjAuA7mnQNTajQM6ClhesyG0.yyQhvahas02ejfMAq1ykBo1RquzS0R6GgdIDlvS.kbUwDablGZKZcTP/'
        shell: /bin/bash
        sudo: ALL=(ALL) NOPASSWD:ALL
        lock_passwd: False
      final_message: "The system is finally up, after $UPTIME seconds"
  # VM resource settings.
  cpu:
    # Number of CPU cores.
    cores: 1
    # Request 10% of the CPU time of one physical core.
    coreFraction: 10%
  memory:
    # Amount of RAM.
    size: 1Gi
  # List of disks and images used in the VM.
  blockDeviceRefs:
    # The order of disks and images in this block determines the boot priority.
    - kind: VirtualDisk
      name: linux-vm-root
`,
  },
  {
    file: '004-virtualmachineblockdeviceattachment-attach-blank-disk.yaml',
    seed: '004',
    section: 'Dynamic Block Devices',
    kind: 'VirtualMachineBlockDeviceAttachment',
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    name: 'attach-blank-disk',
    yaml: `apiVersion: virtualization.deckhouse.io/v1alpha2
kind: VirtualMachineBlockDeviceAttachment
metadata:
  name: attach-blank-disk
spec:
  blockDeviceRef:
    kind: VirtualDisk
    name: blank-disk
  virtualMachineName: linux-vm
`,
  },
  {
    file: '004-service-linux-vm-nginx-nodeport.yaml',
    seed: '004',
    section: 'Publish virtual machine services using a service with the NodePort type',
    kind: 'Service',
    apiVersion: 'v1',
    name: 'linux-vm-nginx-nodeport',
    yaml: `apiVersion: v1
kind: Service
metadata:
  name: linux-vm-nginx-nodeport
spec:
  type: NodePort
  selector:
    # label by which the service determines which virtual machine to direct traffic to
    app: nginx
  ports:
    - protocol: TCP
      port: 80
      targetPort: 80
      nodePort: 31880
`,
  },
  {
    file: '004-service-linux-vm-nginx-lb.yaml',
    seed: '004',
    section:
      'Publishing virtual machine services using a service with the LoadBalancer service type',
    kind: 'Service',
    apiVersion: 'v1',
    name: 'linux-vm-nginx-lb',
    yaml: `apiVersion: v1
kind: Service
metadata:
  name: linux-vm-nginx-lb
spec:
  type: LoadBalancer
  selector:
    # label by which the service determines which virtual machine to direct traffic to
    app: nginx
  ports:
    - protocol: TCP
      port: 80
      targetPort: 80
`,
  },
  {
    file: '004-service-linux-vm-nginx.yaml',
    seed: '004',
    section: 'Publish virtual machine services using Ingress',
    kind: 'Service',
    apiVersion: 'v1',
    name: 'linux-vm-nginx',
    yaml: `apiVersion: v1
kind: Service
metadata:
  name: linux-vm-nginx
spec:
  selector:
    # label by which the service determines which virtual machine to direct traffic to
    app: nginx
  ports:
    - protocol: TCP
      port: 80
      targetPort: 80
`,
  },
  {
    file: '004-ingress-linux-vm.yaml',
    seed: '004',
    section: 'Publish virtual machine services using Ingress',
    kind: 'Ingress',
    apiVersion: 'networking.k8s.io/v1',
    name: 'linux-vm',
    yaml: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: linux-vm
spec:
  rules:
    - host: linux-vm.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: linux-vm-nginx
                port:
                  number: 80
`,
  },
  {
    file: '004-virtualmachineipaddress-linux-vm-custom-ip.yaml',
    seed: '004',
    section: 'How to request a required ip address?',
    kind: 'VirtualMachineIPAddress',
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    name: 'linux-vm-custom-ip',
    yaml: `apiVersion: virtualization.deckhouse.io/v1alpha2
kind: VirtualMachineIPAddress
metadata:
  name: linux-vm-custom-ip
spec:
  staticIP: 10.66.20.77
  type: Static
`,
  },
  {
    file: '004-virtualdisk-linux-vm-root--2.yaml',
    seed: '004',
    section: 'Recovering snapshots from disks',
    kind: 'VirtualDisk',
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    name: 'linux-vm-root',
    yaml: `apiVersion: virtualization.deckhouse.io/v1alpha2
kind: VirtualDisk
metadata:
  name: linux-vm-root
spec:
  # Настройки параметров хранения диска.
  persistentVolumeClaim:
    # Укажем размер больше чем значение .
    size: 10Gi
    # Подставьте ваше название StorageClass.
    storageClassName: i-linstor-thin-r2
  # Источник из которого создается диск.
  dataSource:
    type: ObjectRef
    objectRef:
      kind: VirtualDiskSnapshot
      name: linux-vm-root-1728027905
`,
  },
  {
    file: '004-virtualmachinesnapshot-linux-vm-snapshot.yaml',
    seed: '004',
    section:
      '\u0421\u043e\u0437\u0434\u0430\u043d\u0438\u0435 \u0441\u043d\u0438\u043c\u043a\u043e\u0432 \u0432\u0438\u0440\u0442\u0443\u0430\u043b\u044c\u043d\u044b\u0445 \u043c\u0430\u0448\u0438\u043d',
    kind: 'VirtualMachineSnapshot',
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    name: 'linux-vm-snapshot',
    yaml: `apiVersion: virtualization.deckhouse.io/v1alpha2
kind: VirtualMachineSnapshot
metadata:
  name: linux-vm-snapshot
spec:
  virtualMachineName: linux-vm
  volumeSnapshotClasses:
    - storageClassName: i-linstor-thin-r2 # Substitute your StorageClass name.
      volumeSnapshotClassName: sds-replicated-volume # Substitute your VolumeSnapshotClass name.
  requiredConsistency: true
  keepIPAddress: Never
`,
  },
  {
    file: '004-virtualmachinerestore-linux-vm-restore.yaml',
    seed: '004',
    section: 'Restore snapshots from virtual machines',
    kind: 'VirtualMachineRestore',
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    name: 'linux-vm-restore',
    yaml: `apiVersion: virtualization.deckhouse.io/v1alpha2
kind: VirtualMachineRestore
metadata:
  name: linux-vm-restore
spec:
  virtualMachineSnapshotName: linux-vm-snapshot
  nameReplacements:
    - from:
        kind: VirtualMachine
        name: linux-vm
      to: linux-vm-2 # recreate an existing \`linux-vm\` virtual machine with the new name \`linux-vm-2\`.
    - from:
        kind: VirtualDisk
        name: linux-vm-root
      to: linux-vm-root-2 # recreate the existing \`linux-vm-root\` virtual disk with the new name \`linux-vm-root-2\`.
    - from:
        kind: VirtualDisk
        name: blank-disk
      to: blank-disk-2 # recreate the existing \`blank-disk\` virtual disk with the new name \`blank-disk-2\`.
    - from:
        kind: VirtualMachineBlockDeviceAttachment
        name: attach-blank-disk
      to: attach-blank-disk-2 # recreate the existing \`attach-blank-disk\` virtual disk with the new name \`attach-blank-disk-2\`.
`,
  },
];
