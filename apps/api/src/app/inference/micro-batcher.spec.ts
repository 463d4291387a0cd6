import { MicroBatcher } from './micro-batcher';

describe('MicroBatcher', () => {
  afterEach(() => jest.useRealTimers());

  it('sends a full batch at once, without waiting for the delay', async () => {
    const batches: number[][] = [];
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        batches.push(items);
        return items.map((x) => x * 10);
      },
      { maxBatch: 3, maxDelayMs: 60_000 },
    );
    const outputs = await Promise.all([1, 2, 3].map((x) => batcher.submit(x)));
    expect(outputs).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('sends a partial batch after the delay', async () => {
    jest.useFakeTimers();
    const run = jest.fn(async (items: string[]) => items.map((s) => s.toUpperCase()));
    const batcher = new MicroBatcher(run, { maxBatch: 16, maxDelayMs: 5 });
    const a = batcher.submit('a');
    const b = batcher.submit('b');
    jest.advanceTimersByTime(4);
    expect(run).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    await expect(Promise.all([a, b])).resolves.toEqual(['A', 'B']);
    expect(run).toHaveBeenCalledTimes(1);
    expect(batcher.waiting).toBe(0);
  });

  it('splits a burst into batches of at most maxBatch and answers every item', async () => {
    const sizes: number[] = [];
    const batcher = new MicroBatcher<number, number>(async (items) => items, { maxBatch: 4, maxDelayMs: 1 }, (n) =>
      sizes.push(n),
    );
    const outputs = await Promise.all(Array.from({ length: 10 }, (_, i) => batcher.submit(i)));
    expect(outputs).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(sizes.every((n) => n <= 4)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(10);
  });

  it("rejects every item of a failed batch, and later batches still run", async () => {
    let fail = true;
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        if (fail) throw new Error('model crashed');
        return items;
      },
      { maxBatch: 2, maxDelayMs: 1 },
    );
    const failed = [batcher.submit(1), batcher.submit(2)];
    await expect(Promise.all(failed)).rejects.toThrow('model crashed');
    await expect(failed[1]).rejects.toThrow('model crashed');
    fail = false;
    await expect(batcher.submit(3)).resolves.toBe(3);
  });

  it('refuses an answer of the wrong length instead of mismatching items', async () => {
    const batcher = new MicroBatcher<number, number>(async () => [1], { maxBatch: 2, maxDelayMs: 1 });
    await expect(Promise.all([batcher.submit(1), batcher.submit(2)])).rejects.toThrow(/2 outputs|answered with 1/);
  });
});
