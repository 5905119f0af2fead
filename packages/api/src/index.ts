export * from './resources.ts';
export * from './status.ts';
