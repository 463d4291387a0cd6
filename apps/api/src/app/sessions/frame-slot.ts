/**
 * Latest-wins processing for one session: at most one frame is analysed and at most
 * one waits. A newer frame replaces the waiting one, which is answered as replaced,
 * so a fast client can never build a queue.
 */
export class FrameSlot<T, R> {
  private busy = false;
  private waiting: { input: T; resolve: (r: R) => void } | null = null;

  constructor(
    private readonly process: (input: T) => Promise<R>,
    private readonly replaced: (input: T) => R,
  ) {}

  /** Whether a frame is waiting behind the one in analysis. */
  get hasWaiting(): boolean {
    return this.waiting !== null;
  }

  submit(input: T): Promise<R> {
    if (!this.busy) return this.run(input);
    return new Promise<R>((resolve) => {
      if (this.waiting) this.waiting.resolve(this.replaced(this.waiting.input));
      this.waiting = { input, resolve };
    });
  }

  private async run(input: T): Promise<R> {
    this.busy = true;
    try {
      return await this.process(input);
    } finally {
      this.busy = false;
      const next = this.waiting;
      this.waiting = null;
      if (next) void this.run(next.input).then(next.resolve, () => next.resolve(this.replaced(next.input)));
    }
  }
}
