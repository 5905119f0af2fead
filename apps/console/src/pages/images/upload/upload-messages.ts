/** Messages of image uploads: progress, speed, time left, what the upload is doing (part of i18n/messages/images.ts). */
export const en = {
  'images.upload.region': 'Uploads',
  'images.upload.title': 'Upload of {file}',
  'images.upload.to': 'to {name}',
  'images.upload.bar': 'Upload of {file}',
  'images.upload.amount': '{percent}% · {sent} of {total}',
  'images.upload.speed': '{speed}/s',
  'images.upload.timeLeft': '{time} left',
  'images.upload.time.s': '{s} s',
  'images.upload.time.m': '{m} min {s} s',
  'images.upload.time.h': '{h} h {m} min',
  'images.upload.starting':
    'Starting the upload… (a new image needs a few seconds to accept files)',
  'images.upload.uploading': 'Uploading',
  'images.upload.reconnecting':
    'Connection lost. Reconnecting (attempt {attempt}); the upload continues where it stopped.',
  'images.upload.throttled': 'The server asked to slow down; the upload continues shortly.',
  'images.upload.verifying': 'File sent. The cluster is checking and storing the image.',
  'images.upload.done': 'Upload complete.',
  'images.upload.failed': 'The upload stopped: {message}',
  'images.upload.cancelled': 'Upload cancelled. The image still waits for a file.',
  'images.upload.cancel': 'Cancel upload',
  'images.upload.dismiss': 'Hide',
  'images.upload.keepOpen':
    'Keep this browser tab open until the upload finishes; you can move to other pages of the console.',
  'images.upload.waiting':
    'This image waits for its file. Select it to upload (an interrupted upload continues where it stopped, if you select the same file).',
  'images.upload.open': 'Open image',
} as const;

export const ru: Record<keyof typeof en, string> = {
  'images.upload.region': 'Загрузки',
  'images.upload.title': 'Загрузка {file}',
  'images.upload.to': 'в {name}',
  'images.upload.bar': 'Загрузка {file}',
  'images.upload.amount': '{percent}% · {sent} из {total}',
  'images.upload.speed': '{speed}/с',
  'images.upload.timeLeft': 'осталось {time}',
  'images.upload.time.s': '{s} с',
  'images.upload.time.m': '{m} мин {s} с',
  'images.upload.time.h': '{h} ч {m} мин',
  'images.upload.starting':
    'Начинаем загрузку… (новому образу нужно несколько секунд, чтобы принять файл)',
  'images.upload.uploading': 'Загрузка',
  'images.upload.reconnecting':
    'Соединение потеряно. Переподключение (попытка {attempt}); загрузка продолжится с места остановки.',
  'images.upload.throttled': 'Сервер попросил снизить темп; загрузка скоро продолжится.',
  'images.upload.verifying': 'Файл отправлен. Кластер проверяет и сохраняет образ.',
  'images.upload.done': 'Загрузка завершена.',
  'images.upload.failed': 'Загрузка остановлена: {message}',
  'images.upload.cancelled': 'Загрузка отменена. Образ по-прежнему ждёт файл.',
  'images.upload.cancel': 'Отменить загрузку',
  'images.upload.dismiss': 'Скрыть',
  'images.upload.keepOpen':
    'Не закрывайте вкладку браузера до окончания загрузки; переходить на другие страницы консоли можно.',
  'images.upload.waiting':
    'Образ ждёт файл. Выберите его для загрузки (прерванная загрузка продолжится с места остановки, если выбрать тот же файл).',
  'images.upload.open': 'Открыть образ',
};
