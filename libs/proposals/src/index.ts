export * from './lifecycle';
export * from './proposal-status.service';
