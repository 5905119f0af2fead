/** The condition sentences of the VM page (`vm-detail.cond.*`): what each state means, what to do. */
export const en = {
  'vm-detail.cond.unknown': '{type}: the cluster does not know the state yet ({reason}).',
  'vm-detail.cond.generic': '{type} is {status}.',
  'vm-detail.cond.BlockDevicesReady.ok': 'All disks and images of the VM are ready.',
  'vm-detail.cond.BlockDevicesReady.bad':
    'The VM waits for its disks and images: it stays Pending until every one is Ready. Check the disks below for the one that is not.',
  'vm-detail.cond.BlockDevicesReady.waitFirstConsumer':
    'Disks with the WaitForFirstConsumer binding wait for the VM to be scheduled to a node; this resolves itself once the VM starts.',
  'vm-detail.cond.BlockDevicesReady.limit':
    'The VM has more block devices than allowed (16). Detach a disk or image.',
  'vm-detail.cond.VirtualMachineClassReady.ok': 'The VM class {className} is ready.',
  'vm-detail.cond.VirtualMachineClassReady.bad':
    'The VM class {className} is missing or not ready, so the VM cannot start. Pick an existing class on the Configuration tab or ask an administrator to create it.',
  'vm-detail.cond.VirtualMachineIPAddressReady.ok': 'The IP address is allocated.',
  'vm-detail.cond.VirtualMachineIPAddressReady.bad':
    'The IP address is not allocated yet; the VM stays Pending until it is. Check the VirtualMachineIPAddress resource.',
  'vm-detail.cond.VirtualMachineIPAddressReady.notAvailable':
    'The requested IP address is not available (taken by another VM or outside the cluster subnets). Choose another address.',
  'vm-detail.cond.VirtualMachineIPAddressReady.notAssigned':
    'The IP address resource exists but is not assigned to this VM yet.',
  'vm-detail.cond.VirtualMachineMACAddressReady.ok': 'The MAC address is allocated.',
  'vm-detail.cond.VirtualMachineMACAddressReady.bad': 'The MAC address is not allocated yet.',
  'vm-detail.cond.Running.ok': 'The VM is running.',
  'vm-detail.cond.Running.bad':
    'The VM is not running because of a failure. Read the cluster message below and the Events tab.',
  'vm-detail.cond.Running.notScheduled':
    'The VM could not be placed on a node: no node fits its CPU, memory, placement rules or the project quota. Reduce resources or relax placement on the Configuration tab.',
  'vm-detail.cond.Running.noBootableDevice':
    'The VM has no bootable device. Attach a disk or image with an operating system and set its boot order.',
  'vm-detail.cond.Running.internalError':
    'The hypervisor reported an internal error. Try restarting the VM; if it repeats, ask an administrator.',
  'vm-detail.cond.Running.stopped': 'The VM is not running.',
  'vm-detail.cond.Migratable.ok': 'The VM can be live-migrated to another node.',
  'vm-detail.cond.Migratable.bad': 'The VM cannot be live-migrated.',
  'vm-detail.cond.Migratable.disks':
    'The VM cannot be live-migrated: some disks are local to the node (ReadWriteOnce storage). Use storage that supports ReadWriteMany.',
  'vm-detail.cond.Migratable.hostDevices':
    'The VM cannot be live-migrated while host devices (USB, GPU) are attached.',
  'vm-detail.cond.Migrating.ok': 'No migration is in progress.',
  'vm-detail.cond.Migrating.bad':
    'The VM is being migrated to another node; see Migration below. You can cancel it.',
  'vm-detail.cond.AgentReady.ok': 'The guest agent is connected.',
  'vm-detail.cond.AgentReady.bad':
    'The guest agent is not connected: the guest OS details and IP reports are unavailable. Install and start qemu-guest-agent in the guest.',
  'vm-detail.cond.AgentVersionNotSupported.ok': 'The guest agent version is supported.',
  'vm-detail.cond.AgentVersionNotSupported.bad':
    'The guest agent version is not supported. Update qemu-guest-agent in the guest.',
  'vm-detail.cond.ProvisioningReady.ok':
    'The initial configuration (cloud-init / Sysprep) is ready.',
  'vm-detail.cond.ProvisioningReady.bad':
    'The initial configuration script is not ready: check that its secret exists and is valid.',
  'vm-detail.cond.ConfigurationApplied.ok': 'The configuration is applied to the running VM.',
  'vm-detail.cond.ConfigurationApplied.bad':
    'The latest configuration is not applied to the running VM yet.',
  'vm-detail.cond.AwaitingRestartToApplyConfiguration.ok': 'No restart is needed.',
  'vm-detail.cond.AwaitingRestartToApplyConfiguration.bad':
    'Some configuration changes are applied only after a restart. Restart the VM (Actions → Restart) to apply them:',
  'vm-detail.cond.SizingPolicyMatched.ok': 'The resources match the sizing policy of the class.',
  'vm-detail.cond.SizingPolicyMatched.bad':
    'The resources do not match the sizing policy of the VM class: further configuration changes cannot be saved until cores, memory and core fraction comply.',
  'vm-detail.cond.FirmwareUpToDate.ok': 'The VM firmware is up to date.',
  'vm-detail.cond.FirmwareUpToDate.bad':
    'The VM firmware needs an update: migrate or restart the VM to update it.',
  'vm-detail.cond.NetworkReady.ok': 'The VM networks are ready.',
  'vm-detail.cond.NetworkReady.bad':
    'The VM networks are not ready; check the networks on the Configuration tab.',
  'vm-detail.cond.EvictionRequired.ok': 'No eviction is required.',
  'vm-detail.cond.EvictionRequired.bad':
    'The VM must leave its node (for example, node maintenance). Migrate it or it will be evicted.',
  'vm-detail.cond.FilesystemFrozen.ok': 'The guest file systems are not frozen.',
  'vm-detail.cond.FilesystemFrozen.bad': 'The guest file systems are frozen for a snapshot.',
  'vm-detail.cond.Snapshotting.ok': 'No snapshot is being taken.',
  'vm-detail.cond.Snapshotting.bad': 'A snapshot of the VM is being taken.',
  'vm-detail.cond.Maintenance.ok': 'The VM is not in maintenance.',
  'vm-detail.cond.Maintenance.bad':
    'The VM is held stopped for maintenance (a restore is in progress).',
} as const;

export const ru: Record<keyof typeof en, string> = {
  'vm-detail.cond.unknown': '{type}: состояние пока неизвестно кластеру ({reason}).',
  'vm-detail.cond.generic': '{type}: {status}.',
  'vm-detail.cond.BlockDevicesReady.ok': 'Все диски и образы ВМ готовы.',
  'vm-detail.cond.BlockDevicesReady.bad':
    'ВМ ждёт готовности дисков и образов: она остаётся в Pending, пока каждый из них не станет Ready. Найдите неготовый диск в списке ниже.',
  'vm-detail.cond.BlockDevicesReady.waitFirstConsumer':
    'Диски с режимом WaitForFirstConsumer ждут размещения ВМ на узле; это разрешится само после запуска ВМ.',
  'vm-detail.cond.BlockDevicesReady.limit':
    'У ВМ больше блочных устройств, чем разрешено (16). Отключите диск или образ.',
  'vm-detail.cond.VirtualMachineClassReady.ok': 'Класс ВМ {className} готов.',
  'vm-detail.cond.VirtualMachineClassReady.bad':
    'Класс ВМ {className} отсутствует или не готов, поэтому ВМ не может запуститься. Выберите существующий класс на вкладке «Конфигурация» или попросите администратора создать его.',
  'vm-detail.cond.VirtualMachineIPAddressReady.ok': 'IP-адрес выделен.',
  'vm-detail.cond.VirtualMachineIPAddressReady.bad':
    'IP-адрес ещё не выделен; ВМ остаётся в Pending, пока его нет. Проверьте ресурс VirtualMachineIPAddress.',
  'vm-detail.cond.VirtualMachineIPAddressReady.notAvailable':
    'Запрошенный IP-адрес недоступен (занят другой ВМ или вне подсетей кластера). Выберите другой адрес.',
  'vm-detail.cond.VirtualMachineIPAddressReady.notAssigned':
    'Ресурс IP-адреса существует, но ещё не назначен этой ВМ.',
  'vm-detail.cond.VirtualMachineMACAddressReady.ok': 'MAC-адрес выделен.',
  'vm-detail.cond.VirtualMachineMACAddressReady.bad': 'MAC-адрес ещё не выделен.',
  'vm-detail.cond.Running.ok': 'ВМ запущена.',
  'vm-detail.cond.Running.bad':
    'ВМ не работает из-за сбоя. Прочитайте сообщение кластера ниже и вкладку «События».',
  'vm-detail.cond.Running.notScheduled':
    'ВМ не удалось разместить на узле: ни один узел не подходит по CPU, памяти, правилам размещения или квоте проекта. Уменьшите ресурсы или ослабьте правила размещения на вкладке «Конфигурация».',
  'vm-detail.cond.Running.noBootableDevice':
    'У ВМ нет загрузочного устройства. Подключите диск или образ с операционной системой и задайте порядок загрузки.',
  'vm-detail.cond.Running.internalError':
    'Гипервизор сообщил о внутренней ошибке. Попробуйте перезагрузить ВМ; если повторится — обратитесь к администратору.',
  'vm-detail.cond.Running.stopped': 'ВМ не запущена.',
  'vm-detail.cond.Migratable.ok': 'ВМ можно живо мигрировать на другой узел.',
  'vm-detail.cond.Migratable.bad': 'ВМ нельзя живо мигрировать.',
  'vm-detail.cond.Migratable.disks':
    'ВМ нельзя живо мигрировать: часть дисков локальна для узла (хранилище ReadWriteOnce). Используйте хранилище с поддержкой ReadWriteMany.',
  'vm-detail.cond.Migratable.hostDevices':
    'ВМ нельзя живо мигрировать, пока подключены устройства узла (USB, GPU).',
  'vm-detail.cond.Migrating.ok': 'Миграция не выполняется.',
  'vm-detail.cond.Migrating.bad':
    'ВМ мигрирует на другой узел; подробности — в разделе «Миграция» ниже. Миграцию можно отменить.',
  'vm-detail.cond.AgentReady.ok': 'Гостевой агент подключён.',
  'vm-detail.cond.AgentReady.bad':
    'Гостевой агент не подключён: сведения о гостевой ОС недоступны. Установите и запустите qemu-guest-agent в гостевой системе.',
  'vm-detail.cond.AgentVersionNotSupported.ok': 'Версия гостевого агента поддерживается.',
  'vm-detail.cond.AgentVersionNotSupported.bad':
    'Версия гостевого агента не поддерживается. Обновите qemu-guest-agent в гостевой системе.',
  'vm-detail.cond.ProvisioningReady.ok': 'Начальная конфигурация (cloud-init / Sysprep) готова.',
  'vm-detail.cond.ProvisioningReady.bad':
    'Сценарий начальной конфигурации не готов: проверьте, что его секрет существует и корректен.',
  'vm-detail.cond.ConfigurationApplied.ok': 'Конфигурация применена к работающей ВМ.',
  'vm-detail.cond.ConfigurationApplied.bad':
    'Последняя конфигурация ещё не применена к работающей ВМ.',
  'vm-detail.cond.AwaitingRestartToApplyConfiguration.ok': 'Перезагрузка не требуется.',
  'vm-detail.cond.AwaitingRestartToApplyConfiguration.bad':
    'Часть изменений конфигурации применится только после перезагрузки. Перезагрузите ВМ (Действия → Перезагрузить), чтобы применить их:',
  'vm-detail.cond.SizingPolicyMatched.ok': 'Ресурсы соответствуют политике сайзинга класса.',
  'vm-detail.cond.SizingPolicyMatched.bad':
    'Ресурсы не соответствуют политике сайзинга класса ВМ: новые изменения конфигурации нельзя сохранить, пока ядра, память и доля ядра не будут приведены в соответствие.',
  'vm-detail.cond.FirmwareUpToDate.ok': 'Прошивка ВМ актуальна.',
  'vm-detail.cond.FirmwareUpToDate.bad':
    'Прошивку ВМ нужно обновить: мигрируйте или перезагрузите ВМ.',
  'vm-detail.cond.NetworkReady.ok': 'Сети ВМ готовы.',
  'vm-detail.cond.NetworkReady.bad': 'Сети ВМ не готовы; проверьте сети на вкладке «Конфигурация».',
  'vm-detail.cond.EvictionRequired.ok': 'Выселение не требуется.',
  'vm-detail.cond.EvictionRequired.bad':
    'ВМ должна покинуть узел (например, обслуживание узла). Мигрируйте её, иначе она будет выселена.',
  'vm-detail.cond.FilesystemFrozen.ok': 'Файловые системы гостя не заморожены.',
  'vm-detail.cond.FilesystemFrozen.bad': 'Файловые системы гостя заморожены для снимка.',
  'vm-detail.cond.Snapshotting.ok': 'Снимок не создаётся.',
  'vm-detail.cond.Snapshotting.bad': 'Создаётся снимок ВМ.',
  'vm-detail.cond.Maintenance.ok': 'ВМ не на обслуживании.',
  'vm-detail.cond.Maintenance.bad':
    'ВМ удерживается остановленной для обслуживания (идёт восстановление).',
};
