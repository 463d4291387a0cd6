import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { SessionReplay } from '../data-access/api-types';
import { Loadable } from '../data-access/loadable';
import { ResearcherApi } from '../data-access/researcher-api';
import { ModalityChartComponent } from '../modality-chart.component';
import { sampleToPoint, type TimelineMarker } from '../researcher-session.service';
import { TimelineChartComponent } from '../timeline-chart.component';
import { LoadStateComponent } from '../ui/load-state.component';

/** `/researcher/sessions/:id/replay`: a stored session played back from its samples, tracks and feedback. */
@Component({
  selector: 'app-replay-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RouterLink, LoadStateComponent, ModalityChartComponent, TimelineChartComponent],
  template: `
    <p><a routerLink="/researcher/live">← Live sessions</a></p>
    <h1>Session replay</h1>
    <app-load-state
      what="the stored session"
      [loading]="replay.loading()"
      [error]="replay.error()"
      (retry)="replay.load()"
    />
    @if (replay.value(); as r) {
      @if (!r.samples.length && !r.exposures.length) {
        <p class="note" data-testid="replay-empty">Nothing was stored for this session.</p>
      } @else {
        <section class="card" aria-labelledby="replay-heading">
          <h2 id="replay-heading">Timeline</h2>
          <div class="row">
            <label for="replay-position">Position</label>
            <input
              id="replay-position"
              type="range"
              min="0"
              [max]="duration()"
              step="0.5"
              [value]="position()"
              (input)="position.set($any($event.target).valueAsNumber)"
              data-testid="replay-position"
            />
            <output for="replay-position">{{ position() }} / {{ duration() }} s</output>
            <button type="button" class="secondary" (click)="position.set(duration())">Show all</button>
          </div>
          <h3>Valence of each modality and the fused state</h3>
          <app-modality-chart [points]="points()" [markers]="markers()" [origin]="origin()" />
          <h3>Face: emotion probabilities</h3>
          <app-timeline-chart [points]="faces()" [origin]="origin()" />
        </section>
        <section class="card" aria-labelledby="events-heading">
          <h2 id="events-heading">Tracks and feedback</h2>
          <ul class="list" data-testid="replay-events">
            @for (e of r.exposures; track e.id) {
              <li>
                <time [attr.datetime]="e.shownAt">{{ e.shownAt | date: 'HH:mm:ss' }}</time>
                <strong>{{ e.title }}</strong>
                <span class="meta"
                  >{{ e.artist }} · {{ e.strategy }} · {{ e.trigger }} ·
                  {{ e.playedAt ? 'played' : 'never played' }}</span
                >
              </li>
            }
            @for (f of r.feedback; track $index) {
              <li>
                <time [attr.datetime]="f.at">{{ f.at | date: 'HH:mm:ss' }}</time> feedback: {{ f.kind
                }}{{ f.value !== null ? ' ' + f.value : '' }}
              </li>
            }
          </ul>
        </section>
      }
    }
  `,
  styleUrl: '../ui/researcher-page.css',
  styles: `
    input[type='range'] {
      flex: 1 1 12rem;
    }
    h3 {
      font-size: 1rem;
      margin: 1rem 0 0.25rem;
    }
  `,
})
export default class ReplayPage {
  private readonly api = inject(ResearcherApi);
  /** `:id` route parameter: the session. */
  readonly id = input<string>();

  protected readonly replay = new Loadable(() => this.api.get<SessionReplay>(`/sessions/${this.id()}/replay`));
  /** Seconds from the first stored event that the charts show up to. */
  protected readonly position = signal(0);
  protected readonly origin = computed(() => {
    const r = this.replay.value();
    return Math.min(r?.samples[0]?.at ?? Infinity, r?.exposures[0]?.shownAt ?? Infinity) || 0;
  });
  protected readonly duration = computed(() => {
    const r = this.replay.value();
    if (!r) return 0;
    const last = Math.max(
      0,
      ...r.samples.map((s) => s.at),
      ...r.exposures.map((e) => e.shownAt),
      ...r.feedback.map((f) => f.at),
    );
    return Math.ceil((last - this.origin()) / 1000);
  });
  private readonly until = computed(() => this.origin() + this.position() * 1000);
  protected readonly points = computed(() =>
    (this.replay.value()?.samples ?? []).filter((s) => s.at <= this.until()).map(sampleToPoint),
  );
  protected readonly faces = computed(() =>
    (this.replay.value()?.samples ?? [])
      .filter((s) => s.modality === 'face' && s.at <= this.until())
      .map((s) => ({ at: s.at, distribution: s.distribution })),
  );
  protected readonly markers = computed<TimelineMarker[]>(() => {
    const r = this.replay.value();
    if (!r) return [];
    return [
      ...r.exposures.map((e) => ({
        at: e.playedAt ?? e.shownAt,
        kind: 'track' as const,
        label: `${e.title} (${e.trigger})`,
      })),
      ...r.feedback.map((f) => ({ at: f.at, kind: 'feedback' as const, label: f.kind })),
    ].filter((m) => m.at <= this.until());
  });

  constructor() {
    effect(() => {
      if (this.id()) void this.replay.load();
    });
    // Start with the whole session in view.
    effect(() => this.position.set(this.duration()));
  }
}
