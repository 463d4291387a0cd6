/**
 * Deterministic, sticky assignment of a unit (participant) to an experiment arm: the same
 * salt and unit always give the same arm, with no state. Hashing follows GrowthBook's
 * "v2" scheme (FNV-1a 32-bit applied twice) so sequential ids still spread uniformly.
 */
export interface WeightedArm {
  key: string;
  weight: number;
}

export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** The unit's position in [0, 1) for this salt. */
export function assignmentBucket(salt: string, unitId: string): number {
  return (fnv1a32(`${fnv1a32(`${salt}${unitId}`)}`) % 10000) / 10000;
}

/** The arm whose cumulative weight range holds the unit's bucket; weights need not sum to 1. */
export function chooseArm(salt: string, unitId: string, arms: readonly WeightedArm[]): string {
  if (arms.length === 0) throw new RangeError('an experiment needs at least one arm');
  if (arms.some((a) => !(a.weight > 0) || !Number.isFinite(a.weight)))
    throw new RangeError('arm weights must be positive numbers');
  const total = arms.reduce((sum, a) => sum + a.weight, 0);
  const point = assignmentBucket(salt, unitId) * total;
  let edge = 0;
  for (const arm of arms) {
    edge += arm.weight;
    if (point < edge) return arm.key;
  }
  return arms[arms.length - 1].key;
}
