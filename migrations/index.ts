import { Foundation1764460800000 } from './1764460800000-Foundation';
import { Proposals1764547200000 } from './1764547200000-Proposals';
import { Reporting1764892800000 } from './1764892800000-Reporting';

/** Every migration, in order. Listed explicitly so the app, the CLI and the tests load the same set. */
export const MIGRATIONS = [Foundation1764460800000, Proposals1764547200000, Reporting1764892800000];
