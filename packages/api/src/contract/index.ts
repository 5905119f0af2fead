export * from './access.ts';
export * from './endpoint.ts';
export * from './endpoints.ts';
export * from './list.ts';
export * from './resources.ts';
export * from './rows.ts';
export * from './stream.ts';
export * from './views.ts';
