/** Shared by every list page (components/list). */
export const en = {
  'list.filter.q': 'Search by name',
  'list.filter.labels': 'Label selector',
  'list.filter.labelsHint': 'For example app=web,tier in (a,b)',
  'list.filter.phase': 'Phase',
  'list.filter.facet': '{value} ({count})',
  'list.filter.clear': 'Clear filters',
  'list.count': '{shown, number} of {total, number} shown',
  'list.loadMore': 'Load more',
  'list.loadingMore': 'Loading more…',
  'list.emptyFiltered': 'Nothing matches the filters.',
  'list.error': 'Could not load the list: {message}',
  'list.actions': 'Actions',
} as const;

export const ru: Record<keyof typeof en, string> = {
  'list.filter.q': 'Поиск по имени',
  'list.filter.labels': 'Селектор лейблов',
  'list.filter.labelsHint': 'Например, app=web,tier in (a,b)',
  'list.filter.phase': 'Фаза',
  'list.filter.facet': '{value} ({count})',
  'list.filter.clear': 'Сбросить фильтры',
  'list.count': 'Показано {shown, number} из {total, number}',
  'list.loadMore': 'Загрузить ещё',
  'list.loadingMore': 'Загрузка…',
  'list.emptyFiltered': 'Ничего не подходит под фильтры.',
  'list.error': 'Не удалось загрузить список: {message}',
  'list.actions': 'Действия',
};
