export * from './reference.entities';
export * from './fund-settings';
export * from './reference.service';
export * from './reference.module';
export * from './exports/reference-lists.reader';
