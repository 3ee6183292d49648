import { Foundation1764000000000 } from './1764000000000-foundation';

/** Every migration, in order. Generated or hand-written, reviewed, each with a working `down`. */
export const MIGRATIONS = [Foundation1764000000000];
