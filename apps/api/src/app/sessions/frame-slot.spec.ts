import { FrameSlot } from './frame-slot';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('FrameSlot (latest wins)', () => {
  it('analyses the first frame, replaces waiting ones with the newest, then analyses that', async () => {
    const gate = deferred();
    const processed: number[] = [];
    const slot = new FrameSlot<number, string>(
      async (n) => {
        if (n === 1) await gate.promise;
        processed.push(n);
        return `done ${n}`;
      },
      (n) => `replaced ${n}`,
    );
    const results = [1, 2, 3, 4].map((n) => slot.submit(n));
    gate.resolve();
    expect(await Promise.all(results)).toEqual(['done 1', 'replaced 2', 'replaced 3', 'done 4']);
    expect(processed).toEqual([1, 4]);
  });

  it('answers the waiting frame even when analysing it fails', async () => {
    const gate = deferred();
    const slot = new FrameSlot<number, string>(
      async (n) => {
        if (n === 1) await gate.promise;
        throw new Error('model failed');
      },
      (n) => `replaced ${n}`,
    );
    const first = slot.submit(1);
    const second = slot.submit(2);
    gate.resolve();
    await expect(first).rejects.toThrow('model failed');
    await expect(second).resolves.toBe('replaced 2');
  });
});
