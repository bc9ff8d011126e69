import { Foundation1764460800000 } from './1764460800000-Foundation';

/** Every migration, in order. Listed explicitly so the app, the CLI and the tests load the same set. */
export const MIGRATIONS = [Foundation1764460800000];
