/**
 * Messages of the Nodes pages (keys prefixed `nodes.`); wording from the seeds (002 "Maintenance
 * mode": the buttons "Cordon + Drain" and "Uncordon" keep their names in both locales).
 */
export const en = {
  'nodes.title': 'Nodes',
  'nodes.intro':
    'Cluster nodes with what the virtual machines on them reserve (cores × core fraction, memory) against what the node can allocate.',
  'nodes.search': 'Search by node name',
  'nodes.empty': 'There are no nodes.',
  'nodes.readiness': 'Readiness',
  'nodes.scheduling': 'Scheduling',
  'nodes.schedulable': 'Schedulable',
  'nodes.cordoned': 'Cordoned',
  'nodes.vms': 'VMs',
  'nodes.cpuReserved': 'CPU reserved by VMs',
  'nodes.memoryReserved': 'Memory reserved by VMs',
  'nodes.cpuModels': 'CPU models',
  'nodes.moreModels': '+{count}',
  'nodes.cores': '{count, plural, one {# core} other {# cores}}',
  'nodes.coresOf': '{used, number} of {total, plural, one {# core} other {# cores}} ({percent}%)',
  'nodes.memoryOf': '{used} of {total} ({percent}%)',
  'nodes.placementError': 'VM placement is not available: {message}',
  'nodes.breadcrumbs': 'Breadcrumbs',
  'nodes.back': 'Back to Nodes',
  'nodes.cordonDrain': 'Cordon + Drain',
  'nodes.uncordon': 'Uncordon',
  'nodes.noEvictRight':
    'You may not create virtual machine operations in all projects (evacuation needs them).',
  'nodes.alreadyEmpty': 'The node is cordoned and no virtual machine runs on it.',
  'nodes.nothingToEvict':
    'The node is cordoned and none of the virtual machines left on it can be live-migrated now.',
  'nodes.notCordoned': 'The node is not cordoned.',
  'nodes.uncordoned': 'Node {node} is schedulable again.',
  'nodes.cordonFailed': 'Could not cordon the node: {message}',
  'nodes.evictFailed':
    'Could not start the evacuation of {count, plural, one {# VM} other {# VMs}}: {details}',
  'nodes.drainStarted':
    'Node {node} is cordoned; {count, plural, =0 {no VM to evacuate} one {evacuating # VM} other {evacuating # VMs}}.',
  'nodes.empty.cordoned':
    'The node is empty: no virtual machine runs on it. It is in maintenance mode until you click "Uncordon".',
  'nodes.empty.node': 'No virtual machine runs on this node.',
  'nodes.vmsOnNode': 'Virtual machines on this node ({count})',
  'nodes.project': 'Project',
  'nodes.cpu': 'CPU',
  'nodes.memory': 'Memory',
  'nodes.migratable': 'Can live-migrate',
  'nodes.vmCpu': '{cores, plural, one {# core} other {# cores}} × {fraction}',
  'nodes.drain.title': 'Cordon + Drain {node}',
  'nodes.drain.intro':
    'The node is put into maintenance mode: it is cordoned (no virtual machine can start on it), then every virtual machine that can live-migrate gets an Evict operation and moves to another node. Virtual machines that cannot migrate stay on the node.',
  'nodes.drain.summary':
    '{total, plural, =0 {No virtual machine on the node.} one {# virtual machine on the node:} other {# virtual machines on the node:}} {evictions} will be evacuated, {staying} will stay.',
  'nodes.drain.noVms': 'No virtual machine runs on the node: it will only be cordoned.',
  'nodes.drain.prediction':
    'Target nodes are a best-effort prediction from node readiness, cordons, node selectors, node affinity, taints and free CPU and memory; the scheduler decides where each VM goes.',
  'nodes.plan.caption': 'Drain plan',
  'nodes.plan.vm': 'Virtual machine',
  'nodes.plan.verdict': 'Evacuation',
  'nodes.plan.target': 'Predicted target node',
  'nodes.plan.details': 'Why',
  'nodes.plan.migrates': 'Live migration',
  'nodes.plan.stays': 'Stays on the node',
  'nodes.plan.notMigratable': 'The VM cannot be live-migrated.',
  'nodes.plan.notMigratableBecause': 'The VM cannot be live-migrated: {reason}',
  'nodes.plan.terminating': 'The VM is being deleted.',
  'nodes.plan.migrating': 'The VM is migrating already.',
  'nodes.plan.phase': 'The VM is {phase}: only running VMs can be live-migrated.',
  'nodes.plan.noTarget': 'No node fits now ({reasons})',
  'nodes.plan.policies': 'runPolicy: {run} · liveMigrationPolicy: {migration}',
  'nodes.noFit.notReady': '{count, plural, one {# node not ready} other {# nodes not ready}}',
  'nodes.noFit.cordoned': '{count, plural, one {# node cordoned} other {# nodes cordoned}}',
  'nodes.noFit.selector':
    "{count, plural, one {# node does not match the VM's placement rules} other {# nodes do not match the VM's placement rules}}",
  'nodes.noFit.taint':
    '{count, plural, one {# node has a taint the VM does not tolerate} other {# nodes have a taint the VM does not tolerate}}',
  'nodes.noFit.cpu': '{count, plural, one {# node lacks CPU} other {# nodes lack CPU}}',
  'nodes.noFit.memory': '{count, plural, one {# node lacks memory} other {# nodes lack memory}}',
  'nodes.noFit.noNodes': 'there is no other node',
  'nodes.note.affinityNotEvaluated':
    'The VM has affinity rules; rules between VMs are not part of this prediction.',
  'nodes.note.classUnknown':
    'The VM class could not be read; its placement rules are not part of this prediction.',
  'nodes.note.migratableUnknown': 'Whether the VM can migrate is not known yet.',
  'nodes.note.alwaysSafe':
    'AlwaysSafe: migration without slowing the CPU; a busy VM may take long or not finish.',
  'nodes.note.forced': 'The migration may slow the CPU down (AutoConverge) so that it finishes.',
  'nodes.note.runPolicyAlwaysOn':
    'runPolicy AlwaysOn: the VM starts again when stopped; change the run policy or move its disks to shared storage to free the node.',
  'nodes.queue.title': 'Evacuation',
  'nodes.queue.summary': '{done} of {total} operations completed',
  'nodes.queue.operation': 'Operation',
  'nodes.queue.progress': 'Progress',
  'nodes.queue.progressOf': 'Migration progress of {vm}',
  'nodes.queue.nodeNow': 'Node now',
  'nodes.queue.message': 'Message',
  'nodes.queue.notFound': 'Not found',
} as const;

export const ru: Record<keyof typeof en, string> = {
  'nodes.title': 'Узлы',
  'nodes.intro':
    'Узлы кластера и ресурсы, зарезервированные виртуальными машинами на них (ядра × доля ядра, память), относительно доступных на узле.',
  'nodes.search': 'Поиск по имени узла',
  'nodes.empty': 'Узлов нет.',
  'nodes.readiness': 'Готовность',
  'nodes.scheduling': 'Планирование',
  'nodes.schedulable': 'Доступен',
  'nodes.cordoned': 'Закрыт (cordon)',
  'nodes.vms': 'ВМ',
  'nodes.cpuReserved': 'CPU, занятый ВМ',
  'nodes.memoryReserved': 'Память, занятая ВМ',
  'nodes.cpuModels': 'Модели CPU',
  'nodes.moreModels': '+{count}',
  'nodes.cores': '{count, plural, one {# ядро} few {# ядра} many {# ядер} other {# ядра}}',
  'nodes.coresOf':
    '{used, number} из {total, plural, one {# ядра} few {# ядер} many {# ядер} other {# ядра}} ({percent}%)',
  'nodes.memoryOf': '{used} из {total} ({percent}%)',
  'nodes.placementError': 'Размещение ВМ недоступно: {message}',
  'nodes.breadcrumbs': 'Навигационная цепочка',
  'nodes.back': 'Назад к узлам',
  'nodes.cordonDrain': 'Cordon + Drain',
  'nodes.uncordon': 'Uncordon',
  'nodes.noEvictRight':
    'У вас нет прав создавать операции с ВМ во всех проектах (они нужны для эвакуации).',
  'nodes.alreadyEmpty': 'Узел закрыт для размещения, и на нём нет виртуальных машин.',
  'nodes.nothingToEvict':
    'Узел закрыт для размещения, и ни одну из оставшихся на нём ВМ сейчас нельзя мигрировать.',
  'nodes.notCordoned': 'Узел не закрыт для размещения.',
  'nodes.uncordoned': 'Узел {node} снова доступен для размещения.',
  'nodes.cordonFailed': 'Не удалось закрыть узел для размещения: {message}',
  'nodes.evictFailed':
    'Не удалось начать эвакуацию {count, plural, one {# ВМ} few {# ВМ} many {# ВМ} other {# ВМ}}: {details}',
  'nodes.drainStarted':
    'Узел {node} закрыт для размещения; {count, plural, =0 {эвакуировать нечего} one {эвакуируется # ВМ} few {эвакуируются # ВМ} many {эвакуируются # ВМ} other {эвакуируются # ВМ}}.',
  'nodes.empty.cordoned':
    'Узел пуст: на нём нет виртуальных машин. Он в режиме обслуживания, пока вы не нажмёте «Uncordon».',
  'nodes.empty.node': 'На этом узле нет виртуальных машин.',
  'nodes.vmsOnNode': 'Виртуальные машины на узле ({count})',
  'nodes.project': 'Проект',
  'nodes.cpu': 'CPU',
  'nodes.memory': 'Память',
  'nodes.migratable': 'Живая миграция возможна',
  'nodes.vmCpu':
    '{cores, plural, one {# ядро} few {# ядра} many {# ядер} other {# ядра}} × {fraction}',
  'nodes.drain.title': 'Cordon + Drain {node}',
  'nodes.drain.intro':
    'Узел переводится в режим технического обслуживания: он закрывается для размещения (ни одна ВМ не сможет на нём запуститься), затем для каждой ВМ, которую можно мигрировать, создаётся операция Evict, и ВМ переезжает на другой узел. ВМ, которые нельзя мигрировать, остаются на узле.',
  'nodes.drain.summary':
    '{total, plural, =0 {На узле нет ВМ.} one {На узле # ВМ:} few {На узле # ВМ:} many {На узле # ВМ:} other {На узле # ВМ:}} эвакуируются — {evictions}, останутся — {staying}.',
  'nodes.drain.noVms': 'На узле нет виртуальных машин: он будет только закрыт для размещения.',
  'nodes.drain.prediction':
    'Целевые узлы — примерный прогноз по готовности узлов, закрытию для размещения, селекторам и affinity узлов, taints, свободным CPU и памяти; куда пойдёт каждая ВМ, решает планировщик.',
  'nodes.plan.caption': 'План эвакуации',
  'nodes.plan.vm': 'Виртуальная машина',
  'nodes.plan.verdict': 'Эвакуация',
  'nodes.plan.target': 'Прогноз целевого узла',
  'nodes.plan.details': 'Почему',
  'nodes.plan.migrates': 'Живая миграция',
  'nodes.plan.stays': 'Останется на узле',
  'nodes.plan.notMigratable': 'ВМ нельзя мигрировать вживую.',
  'nodes.plan.notMigratableBecause': 'ВМ нельзя мигрировать вживую: {reason}',
  'nodes.plan.terminating': 'ВМ удаляется.',
  'nodes.plan.migrating': 'ВМ уже мигрирует.',
  'nodes.plan.phase': 'ВМ в фазе {phase}: мигрировать вживую можно только работающие ВМ.',
  'nodes.plan.noTarget': 'Сейчас ни один узел не подходит ({reasons})',
  'nodes.plan.policies': 'runPolicy: {run} · liveMigrationPolicy: {migration}',
  'nodes.noFit.notReady':
    '{count, plural, one {# узел не готов} few {# узла не готовы} many {# узлов не готовы} other {# узла не готовы}}',
  'nodes.noFit.cordoned':
    '{count, plural, one {# узел закрыт} few {# узла закрыты} many {# узлов закрыты} other {# узла закрыты}}',
  'nodes.noFit.selector':
    '{count, plural, one {# узел не подходит под правила размещения ВМ} few {# узла не подходят под правила размещения ВМ} many {# узлов не подходят под правила размещения ВМ} other {# узла не подходят под правила размещения ВМ}}',
  'nodes.noFit.taint':
    '{count, plural, one {у # узла есть taint без toleration у ВМ} few {у # узлов есть taint без toleration у ВМ} many {у # узлов есть taint без toleration у ВМ} other {у # узла есть taint без toleration у ВМ}}',
  'nodes.noFit.cpu':
    '{count, plural, one {на # узле не хватает CPU} few {на # узлах не хватает CPU} many {на # узлах не хватает CPU} other {на # узла не хватает CPU}}',
  'nodes.noFit.memory':
    '{count, plural, one {на # узле не хватает памяти} few {на # узлах не хватает памяти} many {на # узлах не хватает памяти} other {на # узла не хватает памяти}}',
  'nodes.noFit.noNodes': 'других узлов нет',
  'nodes.note.affinityNotEvaluated':
    'У ВМ есть правила affinity; правила между ВМ в этот прогноз не входят.',
  'nodes.note.classUnknown':
    'Класс ВМ прочитать не удалось; его правила размещения в этот прогноз не входят.',
  'nodes.note.migratableUnknown': 'Можно ли мигрировать ВМ, пока неизвестно.',
  'nodes.note.alwaysSafe':
    'AlwaysSafe: миграция без замедления процессора; для нагруженной ВМ она может длиться долго или не завершиться.',
  'nodes.note.forced': 'Для завершения миграции процессор может замедляться (AutoConverge).',
  'nodes.note.runPolicyAlwaysOn':
    'runPolicy AlwaysOn: остановленная ВМ снова запустится; чтобы освободить узел, измените политику запуска или перенесите диски ВМ в общее хранилище.',
  'nodes.queue.title': 'Эвакуация',
  'nodes.queue.summary': 'Завершено операций: {done} из {total}',
  'nodes.queue.operation': 'Операция',
  'nodes.queue.progress': 'Прогресс',
  'nodes.queue.progressOf': 'Прогресс миграции {vm}',
  'nodes.queue.nodeNow': 'Узел сейчас',
  'nodes.queue.message': 'Сообщение',
  'nodes.queue.notFound': 'Не найдена',
};
