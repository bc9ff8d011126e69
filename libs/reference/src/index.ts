export * from './reference.entities';
export * from './fund-settings';
export * from './reference.service';
export * from './reference.module';
