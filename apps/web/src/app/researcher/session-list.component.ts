import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { SessionSummary } from '@attune/protocol';

/** The sessions a researcher can watch, each a button that selects it. */
@Component({
  selector: 'app-session-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe],
  template: `
    <ul class="sessions" data-testid="session-list">
      @for (session of sessions(); track session.id) {
        <li>
          <button
            type="button"
            data-testid="session-item"
            [attr.aria-pressed]="session.id === selectedId()"
            (click)="selected.emit(session.id)"
          >
            <span class="code">{{ session.participantCode }}</span>
            <time [attr.datetime]="session.startedAt">{{ session.startedAt | date: 'MMM d, HH:mm:ss' }}</time>
            <span class="badge" [class.live]="session.live">{{ session.live ? 'live' : 'ended' }}</span>
          </button>
        </li>
      } @empty {
        <li class="empty">No sessions yet.</li>
      }
    </ul>
  `,
  styles: `
    .sessions {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.5rem;
    }
    button {
      width: 100%;
      display: grid;
      grid-template-columns: 1fr auto;
      gap: 0.125rem 0.5rem;
      text-align: left;
      background: var(--card);
      color: var(--fg);
      border-color: var(--line);
    }
    button[aria-pressed='true'] {
      border-color: var(--accent);
      box-shadow: inset 4px 0 0 var(--accent);
    }
    .code {
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    time {
      grid-column: 1;
      font-size: 0.8125rem;
      color: var(--muted);
    }
    .badge {
      grid-column: 2;
      grid-row: 1 / span 2;
      align-self: center;
      font-size: 0.75rem;
      padding: 0.125rem 0.5rem;
      border-radius: 999px;
      background: var(--line);
    }
    .badge.live {
      background: var(--ok);
      color: #fff;
    }
    .empty {
      color: var(--muted);
    }
  `,
})
export class SessionListComponent {
  readonly sessions = input.required<readonly SessionSummary[]>();
  readonly selectedId = input<string | null>(null);
  readonly selected = output<string>();
}
