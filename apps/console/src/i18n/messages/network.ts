import * as publish from './network-publish.ts';

/**
 * Messages of the Network pages (keys prefixed `network.`, plus the address phases); wording from
 * seed 000 "Network configuration" / "Organizing interaction with virtual machines", Russian
 * from seed 003. Services and Ingresses live in network-publish.ts.
 */
export const en = {
  'network.title': 'Network',
  'network.deleted': '{name} deleted',
  'network.leave.title': 'Unsaved changes',
  'network.leave.text': 'What you entered in this form will be lost. Leave anyway?',
  'network.leave.stay': 'Stay',
  'network.leave.go': 'Leave',
  'network.err.required': 'Required.',
  'network.err.exists': '{name} already exists in this project. Choose another name.',
  'network.err.name':
    "Use lowercase letters, digits, '-' and '.'; start and end with a letter or digit (253 characters at most).",
  'network.err.serviceName':
    "Use lowercase letters, digits and '-'; start with a letter, end with a letter or digit (63 characters at most).",
  'network.err.labelKey':
    "A label key: letters, digits, '-', '_' and '.', starting and ending with a letter or digit, optionally prefixed by a DNS name and '/' (63 characters at most).",
  'network.err.labelValue':
    "A label value: empty, or letters, digits, '-', '_' and '.', starting and ending with a letter or digit (63 characters at most).",
  'network.err.duplicateKey': 'This key is already in the selector.',
  'network.err.port': 'A port is a number from 1 to 65535.',
  'network.err.targetPort':
    "A number from 1 to 65535, or the name of a port (lowercase letters, digits and '-', up to 15 characters).",
  'network.err.nodePort':
    'A node port is a number from 30000 to 32767 (or empty: assigned automatically).',
  'network.err.portName': "Lowercase letters, digits and '-', up to 15 characters.",
  'network.err.portNameRequired': 'With more than one port, every port needs a name.',
  'network.err.duplicatePort': 'Another port already has this name.',
  'network.err.portsRequired': 'Add at least one port (only a headless service may have none).',
  'network.err.host': "A DNS name such as linux-vm.example.com (a leading '*.' is allowed).",
  'network.err.path': "A path starts with '/'.",
  'network.ip.intro':
    'Virtual machines get their addresses from the subnets of the virtualization module (virtualMachineCIDRs). A VM’s address is assigned automatically and kept until the VM is deleted; a static address can be requested and given to a VM by name.',
  'network.ip.tabs': 'Addresses',
  'network.ip.table': 'IP addresses in {project}',
  'network.ip.empty': 'No IP addresses in this project yet.',
  'network.ip.address': 'Address',
  'network.ip.type': 'Type',
  'network.ip.type.Auto': 'Auto',
  'network.ip.type.Static': 'Static',
  'network.ip.vm': 'VM',
  'network.ip.request': 'Request a static address',
  'network.ip.request.title': 'Request a static address',
  'network.ip.request.intro':
    'Reserves a specific address of the virtualMachineCIDRs subnets for this project (a VirtualMachineIPAddress of type Static).',
  'network.ip.request.cidrs':
    'Subnets: {cidrs}. Every address is usable except the first (network) and the last (broadcast) one.',
  'network.ip.request.noCidrs': 'An IPv4 address of the subnets the administrator set for VMs.',
  'network.ip.request.use':
    'To give it to a VM, name it in the VM’s configuration (spec.virtualMachineIPAddressName).',
  'network.ip.request.submit': 'Request',
  'network.ip.request.done': 'Address {address} requested as {name}',
  'network.ip.err.invalid': 'Enter an IPv4 address such as 10.66.20.77.',
  'network.ip.err.outOfRange':
    'This address is not in the VM subnets ({cidrs}), or it is a subnet’s first or last address.',
  'network.ip.keep': 'Keep after VM deletion',
  'network.ip.keep.title': 'Keep {name} after VM deletion?',
  'network.ip.keep.owned':
    'The address {address} belongs to the VM {vm}: deleting the VM deletes the address with it.',
  'network.ip.keep.effect':
    'Keeping removes the VM from the owners of {name} (metadata.ownerReferences). After the VM is deleted, {name} stays in the project and a new VM can use it again (spec.virtualMachineIPAddressName: {name}).',
  'network.ip.keep.command': 'The same change on the command line:',
  'network.ip.keep.confirm': 'Keep the address',
  'network.ip.keep.done': '{name} will be kept after its VM is deleted',
  'network.ip.keep.already': 'No VM owns this address: it already stays when a VM is deleted.',
  'network.ip.delete.title': 'Delete {name}?',
  'network.ip.delete.text':
    'The address {address} returns to the pool. It stays reserved for this project for another 10 minutes and can be requested again meanwhile.',
  'network.ip.delete.attached':
    'The VM {vm} uses this address. Delete the VM or give it another address first.',
  'network.mac.title': 'MAC addresses',
  'network.mac.intro':
    'Each additional network interface of a VM gets a unique MAC address, reserved until the network is removed from the VM or the VM is deleted.',
  'network.mac.table': 'MAC addresses in {project}',
  'network.mac.empty':
    'No MAC addresses: no VM of this project is connected to an additional network.',
  'network.lease.intro':
    'Leases of the shared address pool (virtualMachineCIDRs): one per address in use, bound to a project’s VirtualMachineIPAddress. A released address stays held for its project for 10 minutes.',
  'network.lease.tabs': 'Leases',
  'network.lease.claim': 'Bound to',
  'network.lease.empty': 'No IP address leases.',
  'network.macLease.title': 'MAC address leases',
  'network.macLease.intro':
    'Leases of the shared MAC address pool: one per additional network interface of a VM.',
  'network.macLease.empty': 'No MAC address leases.',
  ...publish.en,
} as const;

export const ru: Record<keyof typeof en, string> = {
  'network.title': 'Сеть',
  'network.deleted': '{name} удалён',
  'network.leave.title': 'Несохранённые изменения',
  'network.leave.text': 'Введённое в форму будет потеряно. Всё равно уйти?',
  'network.leave.stay': 'Остаться',
  'network.leave.go': 'Покинуть',
  'network.err.required': 'Обязательное поле.',
  'network.err.exists': '{name} уже есть в этом проекте. Выберите другое имя.',
  'network.err.name':
    'Строчные латинские буквы, цифры, «-» и «.»; начало и конец — буква или цифра (не более 253 символов).',
  'network.err.serviceName':
    'Строчные латинские буквы, цифры и «-»; начинается с буквы, заканчивается буквой или цифрой (не более 63 символов).',
  'network.err.labelKey':
    'Ключ лейбла: латинские буквы, цифры, «-», «_» и «.», начало и конец — буква или цифра; можно с префиксом — DNS-именем и «/» (не более 63 символов).',
  'network.err.labelValue':
    'Значение лейбла: пустое или латинские буквы, цифры, «-», «_» и «.», начало и конец — буква или цифра (не более 63 символов).',
  'network.err.duplicateKey': 'Такой ключ уже есть в селекторе.',
  'network.err.port': 'Порт — число от 1 до 65535.',
  'network.err.targetPort':
    'Число от 1 до 65535 или имя порта (строчные латинские буквы, цифры и «-», до 15 символов).',
  'network.err.nodePort':
    'Порт узла — число от 30000 до 32767 (или пусто: назначается автоматически).',
  'network.err.portName': 'Строчные латинские буквы, цифры и «-», до 15 символов.',
  'network.err.portNameRequired': 'Если портов несколько, у каждого должно быть имя.',
  'network.err.duplicatePort': 'Это имя уже у другого порта.',
  'network.err.portsRequired':
    'Добавьте хотя бы один порт (без портов может быть только headless-сервис).',
  'network.err.host': 'DNS-имя, например linux-vm.example.com (можно начать с «*.»).',
  'network.err.path': 'Путь начинается с «/».',
  'network.ip.intro':
    'Виртуальные машины получают адреса из подсетей модуля виртуализации (virtualMachineCIDRs). IP-адрес назначается ВМ автоматически и закрепляется за ней до её удаления; статический адрес можно запросить явно и указать ВМ по имени.',
  'network.ip.tabs': 'Адреса',
  'network.ip.table': 'IP-адреса в {project}',
  'network.ip.empty': 'В проекте пока нет IP-адресов.',
  'network.ip.address': 'Адрес',
  'network.ip.type': 'Тип',
  'network.ip.type.Auto': 'Auto',
  'network.ip.type.Static': 'Static',
  'network.ip.vm': 'ВМ',
  'network.ip.request': 'Запросить статический адрес',
  'network.ip.request.title': 'Запросить статический адрес',
  'network.ip.request.intro':
    'Резервирует для проекта конкретный адрес из подсетей virtualMachineCIDRs (ресурс VirtualMachineIPAddress с типом Static).',
  'network.ip.request.cidrs':
    'Подсети: {cidrs}. Доступны все адреса, кроме первого (адрес сети) и последнего (широковещательный адрес).',
  'network.ip.request.noCidrs': 'IPv4-адрес из подсетей, которые администратор выделил для ВМ.',
  'network.ip.request.use':
    'Чтобы назначить его ВМ, укажите его в конфигурации ВМ (spec.virtualMachineIPAddressName).',
  'network.ip.request.submit': 'Запросить',
  'network.ip.request.done': 'Адрес {address} запрошен как {name}',
  'network.ip.err.invalid': 'Введите IPv4-адрес, например 10.66.20.77.',
  'network.ip.err.outOfRange':
    'Адрес не входит в подсети для ВМ ({cidrs}) или является первым либо последним адресом подсети.',
  'network.ip.keep': 'Сохранить после удаления ВМ',
  'network.ip.keep.title': 'Сохранить {name} после удаления ВМ?',
  'network.ip.keep.owned':
    'Адрес {address} принадлежит ВМ {vm}: при удалении ВМ он удалится вместе с ней.',
  'network.ip.keep.effect':
    'Сохранение убирает ВМ из владельцев {name} (metadata.ownerReferences). После удаления ВМ ресурс {name} сохранится в проекте, и его можно будет снова использовать в новой ВМ (spec.virtualMachineIPAddressName: {name}).',
  'network.ip.keep.command': 'То же изменение в командной строке:',
  'network.ip.keep.confirm': 'Сохранить адрес',
  'network.ip.keep.done': '{name} сохранится после удаления ВМ',
  'network.ip.keep.already': 'Адрес не принадлежит ни одной ВМ: он уже сохранится при удалении ВМ.',
  'network.ip.delete.title': 'Удалить {name}?',
  'network.ip.delete.text':
    'Адрес {address} вернётся в пул. Ещё 10 минут он остаётся арендованным для этого проекта, и его можно вновь занять по запросу.',
  'network.ip.delete.attached':
    'Адрес использует ВМ {vm}. Сначала удалите ВМ или назначьте ей другой адрес.',
  'network.mac.title': 'MAC-адреса',
  'network.mac.intro':
    'Каждому дополнительному сетевому интерфейсу ВМ назначается уникальный MAC-адрес, закреплённый за ней до удаления сети из конфигурации или удаления ВМ.',
  'network.mac.table': 'MAC-адреса в {project}',
  'network.mac.empty': 'Нет MAC-адресов: ни одна ВМ проекта не подключена к дополнительной сети.',
  'network.lease.intro':
    'Аренды IP-адресов из общего пула (virtualMachineCIDRs): по одной на каждый занятый адрес, привязанные к VirtualMachineIPAddress проекта. Освобождённый адрес ещё 10 минут остаётся за проектом.',
  'network.lease.tabs': 'Аренды',
  'network.lease.claim': 'Привязана к',
  'network.lease.empty': 'Нет аренд IP-адресов.',
  'network.macLease.title': 'Аренды MAC-адресов',
  'network.macLease.intro':
    'Аренды MAC-адресов из общего пула: по одной на каждый дополнительный сетевой интерфейс ВМ.',
  'network.macLease.empty': 'Нет аренд MAC-адресов.',
  ...publish.ru,
};
