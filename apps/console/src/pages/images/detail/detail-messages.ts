/** Messages of the image page: facts, condition sentences, users, delete, YAML (part of i18n/messages/images.ts). */
export const en = {
  'images.d.details': 'Details',
  'images.d.source': 'Source',
  'images.d.source.HTTP': 'Link (HTTP): {value}',
  'images.d.source.ContainerImage': 'Container image: {value}',
  'images.d.source.ObjectRef': '{kind} {value}',
  'images.d.source.Upload': 'Upload from computer',
  'images.d.format': 'Format',
  'images.d.cdrom': 'CD-ROM',
  'images.d.stored': 'Stored size',
  'images.d.unpacked': 'Unpacked size',
  'images.d.storage': 'Storage',
  'images.d.storageClass': 'Storage class',
  'images.d.registryUrl': 'Registry URL',
  'images.d.pvc': 'Volume (PVC)',
  'images.d.progress': 'Progress',
  'images.d.speed': 'Download speed',
  'images.d.created': 'Created',
  'images.d.conditions': 'Conditions',
  'images.d.noConditions': 'The cluster has not reported any conditions yet.',
  'images.d.cluster': 'Cluster: {reason}',
  'images.d.since': 'since {time}',
  'images.d.users': 'Used by',
  'images.d.usersNone': 'No disks or virtual machines in {project} use this image.',
  'images.d.usersDisks': 'Disks',
  'images.d.usersVms': 'Virtual machines',
  'images.d.usersPartial': 'Only the first {count} of {total} objects were checked.',
  'images.d.usersForbidden': 'You cannot list {what} in {project}.',
  'images.d.usedIn':
    '{count, plural, =0 {No project uses this image.} one {Used in # project:} other {Used in # projects:}}',
  'images.d.usedInHint':
    'Shown below: the disks and VMs you can see in those projects. Projects you cannot read are named without details.',
  'images.d.projectUsers': 'Project {project}',
  'images.d.projectHidden': 'Project {project}: not visible to you.',
  'images.d.projectNone': 'Project {project}: nothing you can see uses it.',
  'images.cond.unknown': '{type}: the cluster does not know the state yet ({reason}).',
  'images.cond.generic': '{type} is {status} ({reason}).',
  'images.cond.Ready.ok': 'The image is ready: disks can be created from it and VMs can mount it.',
  'images.cond.Ready.bad':
    'The image is not ready. Read the cluster message; fix the source and create the image again if it failed.',
  'images.cond.Ready.WaitForUserUpload':
    'The image waits for its file: upload it from your computer. Without an upload the image fails after a while.',
  'images.cond.Ready.WaitForUserUploadTimeout':
    'No file arrived in time. Delete the image and create it again to upload.',
  'images.cond.Ready.Provisioning': 'The image is being imported; the progress is shown above.',
  'images.cond.Ready.ProvisioningNotStarted': 'The import has not started yet.',
  'images.cond.Ready.ProvisioningFailed':
    'The import failed: check the source (link, file, registry) in the message below, then create the image again.',
  'images.cond.Ready.ImageLost':
    'The image data is lost from storage. Delete the image and create it again.',
  'images.cond.DatasourceReady.ok': 'The source is available.',
  'images.cond.DatasourceReady.bad':
    'The source is not ready: the referenced image or disk is not Ready, or the pull secret is missing.',
  'images.cond.StorageClassReady.ok': 'The storage class is ready.',
  'images.cond.StorageClassReady.dvcr':
    'The image is kept in the platform’s registry (DVCR), so it needs no storage class.',
  'images.cond.StorageClassReady.bad':
    'The storage class is missing or not allowed for images: choose another or ask an administrator.',
  'images.cond.InUse.ok': 'Virtual machines or disks are using the image.',
  'images.cond.InUse.bad': 'No virtual machine or disk is using the image.',
  'images.delete.title': 'Delete image {name}?',
  'images.delete.text':
    'The image {name} will be deleted. Disks already created from it keep their data; VMs that mount the image itself lose it.',
  'images.delete.inUse': 'The cluster reports that the image is in use.',
  'images.delete.confirm': 'Delete image',
  'images.yaml.label': 'YAML of {name}',
  'images.yaml.readOnly':
    'Images are write-once: their source cannot change after creation, so this view is read-only.',
} as const;

export const ru: Record<keyof typeof en, string> = {
  'images.d.details': 'Сведения',
  'images.d.source': 'Источник',
  'images.d.source.HTTP': 'Ссылка (HTTP): {value}',
  'images.d.source.ContainerImage': 'Образ контейнера: {value}',
  'images.d.source.ObjectRef': '{kind} {value}',
  'images.d.source.Upload': 'Загрузка с компьютера',
  'images.d.format': 'Формат',
  'images.d.cdrom': 'CD-ROM',
  'images.d.stored': 'Размер в хранилище',
  'images.d.unpacked': 'Распакованный размер',
  'images.d.storage': 'Хранилище',
  'images.d.storageClass': 'Класс хранения',
  'images.d.registryUrl': 'Адрес в реестре',
  'images.d.pvc': 'Том (PVC)',
  'images.d.progress': 'Прогресс',
  'images.d.speed': 'Скорость загрузки',
  'images.d.created': 'Создан',
  'images.d.conditions': 'Состояния',
  'images.d.noConditions': 'Кластер ещё не сообщил ни одного состояния.',
  'images.d.cluster': 'Кластер: {reason}',
  'images.d.since': 'с {time}',
  'images.d.users': 'Где используется',
  'images.d.usersNone': 'Ни один диск и ни одна ВМ в {project} не используют этот образ.',
  'images.d.usersDisks': 'Диски',
  'images.d.usersVms': 'Виртуальные машины',
  'images.d.usersPartial': 'Проверены только первые {count} из {total} объектов.',
  'images.d.usersForbidden': 'У вас нет прав просматривать {what} в {project}.',
  'images.d.usedIn':
    '{count, plural, =0 {Образ не используется ни в одном проекте.} one {Используется в # проекте:} few {Используется в # проектах:} many {Используется в # проектах:} other {Используется в # проекта:}}',
  'images.d.usedInHint':
    'Ниже — диски и ВМ, которые вам видны в этих проектах. Проекты, которые вам не видны, названы без подробностей.',
  'images.d.projectUsers': 'Проект {project}',
  'images.d.projectHidden': 'Проект {project}: вам не виден.',
  'images.d.projectNone': 'Проект {project}: среди видимых вам объектов образ никто не использует.',
  'images.cond.unknown': '{type}: состояние пока неизвестно кластеру ({reason}).',
  'images.cond.generic': '{type}: {status} ({reason}).',
  'images.cond.Ready.ok': 'Образ готов: из него можно создавать диски и подключать его к ВМ.',
  'images.cond.Ready.bad':
    'Образ не готов. Прочитайте сообщение кластера; если импорт не удался, исправьте источник и создайте образ заново.',
  'images.cond.Ready.WaitForUserUpload':
    'Образ ждёт файл: загрузите его с компьютера. Без загрузки образ через некоторое время перейдёт в ошибку.',
  'images.cond.Ready.WaitForUserUploadTimeout':
    'Файл не поступил вовремя. Удалите образ и создайте его заново, чтобы загрузить файл.',
  'images.cond.Ready.Provisioning': 'Образ импортируется; прогресс показан выше.',
  'images.cond.Ready.ProvisioningNotStarted': 'Импорт ещё не начался.',
  'images.cond.Ready.ProvisioningFailed':
    'Импорт не удался: проверьте источник (ссылку, файл, реестр) по сообщению ниже и создайте образ заново.',
  'images.cond.Ready.ImageLost':
    'Данные образа потеряны в хранилище. Удалите образ и создайте его заново.',
  'images.cond.DatasourceReady.ok': 'Источник доступен.',
  'images.cond.DatasourceReady.bad':
    'Источник не готов: образ или диск, на который ссылается образ, не в состоянии Ready, или отсутствует секрет реестра.',
  'images.cond.StorageClassReady.ok': 'Класс хранения готов.',
  'images.cond.StorageClassReady.dvcr':
    'Образ хранится в реестре платформы (DVCR), поэтому класс хранения ему не нужен.',
  'images.cond.StorageClassReady.bad':
    'Класс хранения отсутствует или не разрешён для образов: выберите другой или обратитесь к администратору.',
  'images.cond.InUse.ok': 'Образ используют виртуальные машины или диски.',
  'images.cond.InUse.bad': 'Образ не используется ни одной ВМ и ни одним диском.',
  'images.delete.title': 'Удалить образ {name}?',
  'images.delete.text':
    'Образ {name} будет удалён. Диски, уже созданные из него, сохранят данные; ВМ, к которым подключён сам образ, его потеряют.',
  'images.delete.inUse': 'По данным кластера, образ используется.',
  'images.delete.confirm': 'Удалить образ',
  'images.yaml.label': 'YAML {name}',
  'images.yaml.readOnly':
    'Образы неизменяемы: источник нельзя изменить после создания, поэтому этот вид только для чтения.',
};
