import { InitialSchema1763700000000 } from './1763700000000-initial-schema';
import { Studies1763800000000 } from './1763800000000-studies';
import { ClientEventIds1763900000000 } from './1763900000000-client-event-ids';
import { FaceMode1764000000000 } from './1764000000000-face-mode';

/** Every migration, oldest first. */
export const MIGRATIONS = [
  InitialSchema1763700000000,
  Studies1763800000000,
  ClientEventIds1763900000000,
  FaceMode1764000000000,
];
