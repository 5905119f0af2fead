/** Russian of `list.ts` (loaded only when the console shows Russian). */
import type { en } from './list.ts';

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
