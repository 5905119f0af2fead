/**
 * Messages of the module settings pages (keys prefixed `settings.`); wording from seed 002
 * ("Module parameters"): the form's fields are named like the YAML parameters in both locales.
 */
export const en = {
  'settings.title': 'Module settings',
  'settings.tabs': 'Module sections',
  'settings.tab.configuration': 'Configuration',
  'settings.tab.overview': 'Overview',
  'settings.formLabel': 'virtualization module configuration',
  'settings.state': 'Module state',
  'settings.enabledState': 'Enabled',
  'settings.disabled': 'Disabled',
  'settings.version': 'Configuration version',
  'settings.statusMessage': 'Status',
  'settings.currentSettings': 'Current settings',
  'settings.readOnly': 'You may view the module settings but not change them.',
  'settings.section.enable': 'Enable the module',
  'settings.enabledHint':
    'spec.enabled: on to enable the virtualization module, off to disable it.',
  'settings.advanced': 'Advanced settings',
  'settings.advancedHint': 'Turn on "Advanced settings" to display the module settings.',
  'settings.section.dvcr': 'Deckhouse Virtualization Container Registry (DVCR)',
  'settings.dvcr.hint':
    'A persistent volume for storing images. The storage of its storage class must be reachable from the nodes DVCR runs on.',
  'settings.dvcr.sizeHint': 'Volume size (for example, 50G). To expand the storage, increase it.',
  'settings.dvcr.classHint': 'StorageClass name (for example, sds-replicated-thin-r1).',
  'settings.section.network': 'Network settings',
  'settings.cidrs.hint':
    'Subnets in CIDR format (for example, 10.66.10.0/24) virtual machine IP addresses are allocated from. The first and the last address of a subnet are reserved. They must not overlap each other, the node, service or pod subnets.',
  'settings.cidrs.inUseWarning':
    'A subnet whose addresses are already issued to virtual machines cannot be removed.',
  'settings.cidrs.item': 'virtualMachineCIDRs, subnet {n}',
  'settings.cidrs.remove': 'Remove subnet {cidr}',
  'settings.cidrs.add': 'Add subnet',
  'settings.cidrs.used':
    '{count, plural, one {# address is in use (leased)} other {# addresses are in use (leased)}}: this subnet cannot be removed.',
  'settings.cidrs.unaligned': 'Host bits are set: this denotes the network {network}.',
  'settings.cidrs.removedInUse':
    '{count, plural, one {Subnet {cidrs} still has addresses in use: the module will refuse to remove it.} other {Subnets {cidrs} still have addresses in use: the module will refuse to remove them.}}',
  'settings.section.images': 'Storage class settings for images',
  'settings.images.allowedHint':
    'The StorageClasses allowed for a VirtualImage (none checked: any).',
  'settings.images.defaultHint':
    'The StorageClass of a VirtualImage that does not set spec.persistentVolumeClaim.storageClassName.',
  'settings.section.disks': 'Storage class settings for disks',
  'settings.disks.allowedHint': 'The StorageClasses allowed for a VirtualDisk (none checked: any).',
  'settings.disks.defaultHint':
    'The StorageClass of a VirtualDisk that does not set spec.persistentVolumeClaim.storageClassName.',
  'settings.noStorageClasses': 'No storage classes are visible to you.',
  'settings.notSet': '— not set —',
  'settings.section.audit': 'Security Event Audit',
  'settings.auditHint':
    'Needs the log-shipper and runtime-audit-engine modules; not available in the CE edition.',
  'settings.issue.required': 'Required value',
  'settings.issue.cidrInvalid': 'Not a valid CIDR: {detail}',
  'settings.issue.cidrOverlap': 'Overlaps with {detail}: subnets must not overlap.',
  'settings.issue.cidrsRequired': 'virtualMachineCIDRs cannot be cleared once set.',
  'settings.issue.quantity': 'Not a valid size (for example, 50G or 100Gi).',
  'settings.issue.defaultNotAllowed': 'The default storage class must be one of the allowed ones.',
  'settings.noChanges': 'There are no changes to save.',
  'settings.discard': 'Discard changes',
  'settings.review.title': 'Save module settings',
  'settings.review.intro': 'These fields of ModuleConfig virtualization will change:',
  'settings.review.fields': 'Changed fields',
  'settings.review.field': 'Field',
  'settings.review.old': 'Now',
  'settings.review.new': 'After saving',
  'settings.saved': 'The virtualization module settings are saved.',
  'settings.leave.title': 'Unsaved module settings',
  'settings.leave.stay': 'Stay',
  'settings.leave.leave': 'Leave without saving',
} as const;

export const ru: Record<keyof typeof en, string> = {
  'settings.title': 'Настройки модуля',
  'settings.tabs': 'Разделы модуля',
  'settings.tab.configuration': 'Конфигурация',
  'settings.tab.overview': 'Обзор',
  'settings.formLabel': 'Конфигурация модуля virtualization',
  'settings.state': 'Состояние модуля',
  'settings.enabledState': 'Включён',
  'settings.disabled': 'Выключен',
  'settings.version': 'Версия конфигурации',
  'settings.statusMessage': 'Статус',
  'settings.currentSettings': 'Текущие настройки',
  'settings.readOnly': 'Вы можете просматривать настройки модуля, но не изменять их.',
  'settings.section.enable': 'Включение модуля',
  'settings.enabledHint':
    'spec.enabled: включено — модуль virtualization работает, выключено — модуль отключён.',
  'settings.advanced': 'Расширенные настройки',
  'settings.advancedHint': 'Включите «Расширенные настройки», чтобы показать настройки модуля.',
  'settings.section.dvcr': 'Deckhouse Virtualization Container Registry (DVCR)',
  'settings.dvcr.hint':
    'Постоянный том для хранения образов. Хранилище его класса хранения должно быть доступно на узлах, где работает DVCR.',
  'settings.dvcr.sizeHint':
    'Размер тома (например, 50G). Чтобы расширить хранилище, увеличьте значение.',
  'settings.dvcr.classHint': 'Имя StorageClass (например, sds-replicated-thin-r1).',
  'settings.section.network': 'Сетевые настройки',
  'settings.cidrs.hint':
    'Подсети в формате CIDR (например, 10.66.10.0/24), из которых выделяются IP-адреса виртуальных машин. Первый и последний адреса подсети зарезервированы. Подсети не должны пересекаться друг с другом, с подсетями узлов, сервисов и подов.',
  'settings.cidrs.inUseWarning':
    'Подсеть, адреса из которой уже выданы виртуальным машинам, удалить нельзя.',
  'settings.cidrs.item': 'virtualMachineCIDRs, подсеть {n}',
  'settings.cidrs.remove': 'Удалить подсеть {cidr}',
  'settings.cidrs.add': 'Добавить подсеть',
  'settings.cidrs.used':
    '{count, plural, one {# адрес используется (арендован)} few {# адреса используются (арендованы)} many {# адресов используются (арендованы)} other {# адреса используются (арендованы)}}: эту подсеть удалить нельзя.',
  'settings.cidrs.unaligned': 'Заданы биты узла: это означает сеть {network}.',
  'settings.cidrs.removedInUse':
    '{count, plural, one {В подсети {cidrs} есть используемые адреса: модуль не позволит её удалить.} other {В подсетях {cidrs} есть используемые адреса: модуль не позволит их удалить.}}',
  'settings.section.images': 'Настройки классов хранения для образов',
  'settings.images.allowedHint':
    'StorageClass, разрешённые для VirtualImage (ничего не отмечено — любые).',
  'settings.images.defaultHint':
    'StorageClass для VirtualImage, в котором не задан spec.persistentVolumeClaim.storageClassName.',
  'settings.section.disks': 'Настройки классов хранения для дисков',
  'settings.disks.allowedHint':
    'StorageClass, разрешённые для VirtualDisk (ничего не отмечено — любые).',
  'settings.disks.defaultHint':
    'StorageClass для VirtualDisk, в котором не задан spec.persistentVolumeClaim.storageClassName.',
  'settings.noStorageClasses': 'Вам не видно ни одного класса хранения.',
  'settings.notSet': '— не задан —',
  'settings.section.audit': 'Аудит событий безопасности',
  'settings.auditHint':
    'Нужны модули log-shipper и runtime-audit-engine; недоступно в редакции CE.',
  'settings.issue.required': 'Обязательное значение',
  'settings.issue.cidrInvalid': 'Некорректный CIDR: {detail}',
  'settings.issue.cidrOverlap': 'Пересекается с {detail}: подсети не должны пересекаться.',
  'settings.issue.cidrsRequired': 'Однажды заданный virtualMachineCIDRs нельзя очистить.',
  'settings.issue.quantity': 'Некорректный размер (например, 50G или 100Gi).',
  'settings.issue.defaultNotAllowed': 'Класс хранения по умолчанию должен быть среди разрешённых.',
  'settings.noChanges': 'Нет изменений для сохранения.',
  'settings.discard': 'Отменить изменения',
  'settings.review.title': 'Сохранение настроек модуля',
  'settings.review.intro': 'Изменятся следующие поля ModuleConfig virtualization:',
  'settings.review.fields': 'Изменённые поля',
  'settings.review.field': 'Поле',
  'settings.review.old': 'Сейчас',
  'settings.review.new': 'После сохранения',
  'settings.saved': 'Настройки модуля virtualization сохранены.',
  'settings.leave.title': 'Несохранённые настройки модуля',
  'settings.leave.stay': 'Остаться',
  'settings.leave.leave': 'Уйти без сохранения',
};
