import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';

/** The loading and error state of one fetched thing: a progress bar while it loads, the problem and a retry. */
@Component({
  selector: 'app-load-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (loading()) {
      <p class="loading" role="status" data-testid="loading">
        <progress [attr.aria-label]="'Loading ' + what()"></progress>
        Loading {{ what() }}…
      </p>
    }
    @if (error(); as problem) {
      <div class="alert" role="alert" data-testid="load-error">
        <span>Could not load {{ what() }}: {{ problem }}</span>
        <button type="button" class="secondary" (click)="retry.emit()">Retry</button>
      </div>
    }
  `,
  styles: `
    .loading {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      color: var(--muted);
    }
    .alert {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem;
    }
  `,
})
export class LoadStateComponent {
  readonly loading = input(false);
  readonly error = input<string | null>(null);
  /** What is loading, for the messages: "studies", "results". */
  readonly what = input.required<string>();
  readonly retry = output<void>();
}
