import { Foundation1764000000000 } from './1764000000000-foundation';
import { Identity1764000001000 } from './1764000001000-identity';

/** Every migration, in order. Generated or hand-written, reviewed, each with a working `down`. */
export const MIGRATIONS = [Foundation1764000000000, Identity1764000001000];
