import { DestroyRef, ElementRef, Signal, afterRenderEffect, inject } from '@angular/core';

/** What `canvasChart` needs of a Chart.js chart. */
interface Drawable {
  update(): void;
  destroy(): void;
}

/**
 * A Chart.js chart on a component's `<canvas>`: made by `create` on the first render, given its
 * data by `fill` and redrawn after every render in which a signal `fill` reads has changed, and
 * destroyed with the component. Without a 2D context (jsdom, very old browsers) no chart is made,
 * where Chart.js would only log an error. Call in an injection context (a constructor).
 */
export function canvasChart<C extends Drawable>(
  canvas: Signal<ElementRef<HTMLCanvasElement>>,
  create: (canvas: HTMLCanvasElement) => C,
  fill: (chart: C) => void,
): void {
  let chart: C | null = null;
  afterRenderEffect(() => {
    const element = canvas().nativeElement;
    if (!chart && element.getContext('2d')) chart = create(element);
    if (!chart) return;
    fill(chart);
    chart.update();
  });
  inject(DestroyRef).onDestroy(() => chart?.destroy());
}
