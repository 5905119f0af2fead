/** Russian of `errors.ts` (loaded only when the console shows Russian). */
import type { en } from './errors.ts';

export const ru: Record<keyof typeof en, string> = {
  'error.title': 'Что-то пошло не так',
  'error.Forbidden': 'У вас нет прав на это действие. {message}',
  'error.Unauthorized': 'Вы не вошли в систему, или сеанс истёк.',
  'error.NotFound': 'Объект больше не существует. {message}',
  'error.AlreadyExists': 'Объект с таким именем уже существует.',
  'error.Conflict':
    'Объект изменён после того, как вы его открыли. Перезагрузите последнюю версию.',
  'error.Invalid': 'Некоторые значения недопустимы. {message}',
  'error.BadRequest': 'Запрос не принят. {message}',
  'error.TooManyRequests': 'Слишком много запросов. Повторите чуть позже.',
  'error.Timeout': 'Кластер не ответил вовремя. Повторите попытку.',
  'error.ServerTimeout': 'Кластер не ответил вовремя. Повторите попытку.',
  'error.ServiceUnavailable': 'Кластер сейчас недоступен. Повторите попытку позже.',
  'error.InternalError': 'Ошибка сервера. {message}',
  'error.Network': 'Нет связи с сервером консоли. Проверьте подключение.',
  'error.Other': '{message}',
  'error.requestId': 'ID запроса: {id}',
  'error.reloadAndReapply': 'Перезагрузить и применить моё изменение снова',
  'error.fieldsBelow': 'Исправьте отмеченные поля.',
};
