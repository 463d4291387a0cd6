import type { EpochRecord } from './checkpoint';

const WIDTH = 24;

/** `[=====>     ]  42%`: the bar of a progress line. */
export function progressBar(done: number, total: number): string {
  const fraction = total > 0 ? Math.min(done / total, 1) : 1;
  const filled = Math.round(fraction * WIDTH);
  const bar =
    '='.repeat(Math.max(filled - 1, 0)) + (filled > 0 ? (fraction < 1 ? '>' : '=') : '') + ' '.repeat(WIDTH - filled);
  return `[${bar}] ${(fraction * 100).toFixed(0).padStart(3)}%`;
}

/** One line per finished epoch: what a log file keeps. */
export function epochLine(record: EpochRecord, epochs: number, note = ''): string {
  return (
    `epoch ${String(record.epoch).padStart(3)}/${epochs} ${progressBar(record.epoch, epochs)}` +
    ` loss ${record.loss.toFixed(4)} acc ${pct(record.accuracy)}` +
    ` val_loss ${record.valLoss.toFixed(4)} val_acc ${pct(record.valAccuracy)}` +
    ` lr ${record.learningRate.toExponential(1)} ${record.seconds.toFixed(0)}s${note ? ` ${note}` : ''}`
  );
}

function pct(value: number): string {
  return `${(value * 100).toFixed(2)}%`;
}
