export * from './lifecycle';
export * from './proposal-status.service';
export * from './proposals.module';
