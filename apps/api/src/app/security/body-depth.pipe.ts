import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

/** No request body of this API nests deeper than a few levels; 32 leaves ample room. */
export const MAX_BODY_DEPTH = 32;

/** How deep `value` nests, counted without recursion (a hostile body must not exhaust the stack here either). */
export function nestingDepth(value: unknown, stopAt = Infinity): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [v, depth] = item;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > deepest) deepest = depth + 1;
    if (deepest > stopAt) return deepest;
    for (const child of Object.values(v as Record<string, unknown>)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * Runs before the ValidationPipe: class-transformer and class-validator recurse through a body,
 * so a JSON body nested thousands of levels deep would overflow the stack there (a 500, found by
 * the fuzzer). Such a body is refused with 400 instead.
 */
@Injectable()
export class BodyDepthPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if ((metadata.type === 'body' || metadata.type === 'query') && nestingDepth(value, MAX_BODY_DEPTH) > MAX_BODY_DEPTH)
      throw new BadRequestException(`the ${metadata.type} nests deeper than ${MAX_BODY_DEPTH} levels`);
    return value;
  }
}
