import { join } from 'node:path';
import { packageDir } from '../node-require';

/** The `models/` directory of @vladmandic/human, whose BlazeFace and emotion weights this lib runs. */
export function humanModelsDir(): string {
  return join(packageDir('@vladmandic/human'), 'models');
}
