import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { ModalityChartComponent } from '../modality-chart.component';
import { ResearcherSessionService } from '../researcher-session.service';
import { SessionListComponent } from '../session-list.component';
import { TimelineChartComponent } from '../timeline-chart.component';

/** `/researcher/live`: the sessions, and the selected one's timelines updating in real time. */
@Component({
  selector: 'app-live-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, SessionListComponent, TimelineChartComponent, ModalityChartComponent],
  providers: [ResearcherSessionService],
  template: `
    <div class="row">
      <h1>Live sessions</h1>
      <span
        class="badge"
        role="status"
        data-testid="connection-status"
        [attr.data-status]="live.status() === 'online' ? 'running' : 'off'"
      >
        {{ statusText() }}
      </span>
    </div>
    @if (live.error(); as problem) {
      <p class="alert" role="alert" data-testid="researcher-error">{{ problem }}</p>
    }
    <div class="split">
      <nav class="card" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Sessions</h2>
        @if (!live.listed()) {
          <p role="status" class="note"><progress aria-label="Loading sessions"></progress> Loading sessions…</p>
        } @else {
          <app-session-list
            [sessions]="live.sessions()"
            [selectedId]="live.selectedId()"
            (selected)="live.select($event)"
          />
        }
      </nav>
      <section class="card" aria-labelledby="detail-heading">
        @if (live.selected(); as session) {
          <div class="row">
            <h2 id="detail-heading">Session {{ session.participantCode }}</h2>
            <a [routerLink]="['/researcher/sessions', session.id, 'replay']" data-testid="replay-link"
              >Replay session {{ session.participantCode }}</a
            >
          </div>
          <p class="meta" data-testid="point-count">
            {{ live.modalities().length }} estimates, {{ trackCount() }} tracks, {{ feedbackCount() }} feedback
          </p>
          <h3>Valence of each modality and the fused state</h3>
          <app-modality-chart [points]="live.modalities()" [markers]="live.markers()" [origin]="origin()" />
          <h3>Face: emotion probabilities</h3>
          <app-timeline-chart [points]="live.timeline()" [origin]="origin()" />
          <p class="track" data-testid="current-track">
            @if (live.currentTrack(); as rec) {
              <strong>Playing:</strong> {{ rec.track.title }} — {{ rec.track.artist }}
              <span class="meta">({{ rec.strategy }}, {{ rec.trigger }}) {{ rec.explanation }}</span>
            } @else {
              No track reported since you started watching.
            }
          </p>
        } @else {
          <h2 id="detail-heading">No session selected</h2>
          <p>Select a session to watch its emotions live.</p>
        }
      </section>
    </div>
  `,
  styleUrl: '../ui/researcher-page.css',
  styles: `
    .split {
      display: grid;
      grid-template-columns: minmax(14rem, 18rem) 1fr;
      gap: 1rem;
      align-items: start;
    }
    @media (max-width: 48rem) {
      .split {
        grid-template-columns: 1fr;
      }
    }
    .split > * {
      min-width: 0;
    }
    .row {
      justify-content: space-between;
    }
    h3 {
      font-size: 1rem;
      margin: 1rem 0 0.25rem;
    }
    .track {
      margin: 1rem 0 0;
    }
    .meta {
      display: block;
    }
  `,
})
export default class LivePage {
  protected readonly live = inject(ResearcherSessionService);

  /** x = 0 of the charts: the session start, or the first sample if the start time is unreadable. */
  protected readonly origin = computed(
    () =>
      Date.parse(this.live.selected()?.startedAt ?? '') ||
      (this.live.modalities()[0]?.at ?? this.live.timeline()[0]?.at ?? 0),
  );
  protected readonly trackCount = computed(() => this.live.markers().filter((m) => m.kind === 'track').length);
  protected readonly feedbackCount = computed(() => this.live.markers().filter((m) => m.kind === 'feedback').length);
  protected readonly statusText = computed(
    () =>
      ({ idle: 'not connected', connecting: 'connecting…', online: 'live', offline: 'reconnecting…' })[
        this.live.status()
      ],
  );

  constructor() {
    this.live.connect();
  }
}
