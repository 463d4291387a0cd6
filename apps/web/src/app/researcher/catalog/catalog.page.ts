import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { EMOTIONS } from '@attune/protocol';
import type { CatalogTrack } from '../data-access/api-types';
import { Loadable } from '../data-access/loadable';
import { ResearcherApi } from '../data-access/researcher-api';
import { LoadStateComponent } from '../ui/load-state.component';
import { VaScatterComponent } from './va-scatter.component';

/** `/researcher/catalog`: the music catalog on the valence/arousal plane, filtered, with a player. */
@Component({
  selector: 'app-catalog-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadStateComponent, VaScatterComponent],
  template: `
    <h1>Catalog</h1>
    <app-load-state
      what="the catalog"
      [loading]="catalog.loading()"
      [error]="catalog.error()"
      (retry)="catalog.load()"
    />
    @if (catalog.value(); as all) {
      <div class="row filters">
        <label for="catalog-search">Search</label>
        <input
          id="catalog-search"
          type="search"
          placeholder="title, artist, genre"
          (input)="query.set($any($event.target).value)"
          data-testid="catalog-search"
        />
        <label for="catalog-emotion">Emotion</label>
        <select id="catalog-emotion" (change)="emotion.set($any($event.target).value)" data-testid="catalog-emotion">
          <option value="">all</option>
          @for (e of emotions; track e) {
            <option [value]="e">{{ e }}</option>
          }
        </select>
        <span class="meta" role="status" data-testid="catalog-count"
          >{{ shown().length }} of {{ all.length }} tracks</span
        >
      </div>
      <div class="layout">
        <section class="card" aria-labelledby="scatter-heading">
          <h2 id="scatter-heading">Valence and arousal</h2>
          <app-va-scatter [tracks]="shown()" (picked)="play($event)" />
        </section>
        <section class="card" aria-labelledby="tracks-heading">
          <h2 id="tracks-heading">Tracks</h2>
          @if (playing(); as t) {
            <p data-testid="catalog-now-playing"><strong>Playing:</strong> {{ t.title }} — {{ t.artist }}</p>
            <p class="meta">{{ t.attribution }}</p>
          }
          <audio #player controls aria-label="Catalog player" data-testid="catalog-player"></audio>
          <ul class="list" data-testid="catalog-list">
            @for (t of shown(); track t.id) {
              <li>
                <button
                  type="button"
                  class="secondary"
                  (click)="play(t.id)"
                  [attr.aria-pressed]="playing()?.id === t.id"
                >
                  Play {{ t.title }}
                </button>
                <span class="meta">
                  {{ t.artist }} · {{ t.emotion }}
                  @if (t.valence !== null) {
                    · valence {{ t.valence.toFixed(2) }}, arousal {{ t.arousal?.toFixed(2) }}
                  }
                  @if (t.tempo) {
                    · {{ t.tempo.toFixed(0) }} bpm
                  }
                </span>
              </li>
            } @empty {
              <li class="note">No track matches the filter.</li>
            }
          </ul>
        </section>
      </div>
    }
  `,
  styleUrl: '../ui/researcher-page.css',
  styles: `
    .filters {
      margin-bottom: 1rem;
    }
    audio {
      width: 100%;
    }
  `,
})
export default class CatalogPage {
  private readonly api = inject(ResearcherApi);
  private readonly player = viewChild<ElementRef<HTMLAudioElement>>('player');

  protected readonly emotions = EMOTIONS;
  protected readonly catalog = new Loadable(() => this.api.get<CatalogTrack[]>('/catalog/tracks'));
  protected readonly query = signal('');
  protected readonly emotion = signal('');
  protected readonly playingId = signal<string | null>(null);
  protected readonly shown = computed(() => {
    const q = this.query().trim().toLowerCase();
    const emotion = this.emotion();
    return (this.catalog.value() ?? []).filter(
      (t) =>
        (!emotion || t.emotion === emotion) &&
        (!q || [t.title, t.artist, t.album ?? '', ...t.genres].some((s) => s.toLowerCase().includes(q))),
    );
  });
  protected readonly playing = computed(() => this.catalog.value()?.find((t) => t.id === this.playingId()) ?? null);

  constructor() {
    void this.catalog.load();
  }

  protected play(id: string): void {
    const track = this.catalog.value()?.find((t) => t.id === id);
    const audio = this.player()?.nativeElement;
    if (!track || !audio) return;
    this.playingId.set(id);
    audio.src = track.audioUrl;
    // Autoplay may be refused; the player's own controls still work then.
    void audio.play()?.catch(() => undefined);
  }
}
