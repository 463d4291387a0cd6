import { InitialSchema1763700000000 } from './1763700000000-initial-schema';
import { Studies1763800000000 } from './1763800000000-studies';

/** Every migration, oldest first. */
export const MIGRATIONS = [InitialSchema1763700000000, Studies1763800000000];
