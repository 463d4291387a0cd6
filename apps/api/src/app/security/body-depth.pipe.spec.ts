import { BadRequestException } from '@nestjs/common';
import { BodyDepthPipe, MAX_BODY_DEPTH, nestingDepth } from './body-depth.pipe';

const nested = (depth: number) => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

describe('BodyDepthPipe', () => {
  it('measures depth without recursion, even 100k levels deep', () => {
    expect(nestingDepth(1)).toBe(0);
    expect(nestingDepth({ a: [1, { b: 2 }] })).toBe(3);
    expect(nestingDepth(nested(100_000))).toBe(100_000);
    expect(nestingDepth(nested(100_000), 40)).toBeLessThanOrEqual(42);
  });

  it('refuses a body nested deeper than the limit with 400, and passes everything else through', () => {
    const pipe = new BodyDepthPipe();
    const body = { title: 'x', arms: [{ key: 'a' }] };
    expect(pipe.transform(body, { type: 'body' })).toBe(body);
    expect(pipe.transform(nested(MAX_BODY_DEPTH), { type: 'body' })).toBeDefined();
    expect(() => pipe.transform(nested(MAX_BODY_DEPTH + 1), { type: 'body' })).toThrow(BadRequestException);
    // Route parameters are strings; custom decorators are not this pipe's business.
    expect(pipe.transform(nested(1000), { type: 'custom' })).toBeDefined();
  });
});
