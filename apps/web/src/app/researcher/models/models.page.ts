import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import type { ModelCard } from '../data-access/api-types';
import { Loadable } from '../data-access/loadable';
import { ResearcherApi } from '../data-access/researcher-api';
import { LoadStateComponent } from '../ui/load-state.component';
import { ConfusionMatrixComponent } from './confusion-matrix.component';

/** `/researcher/models`: each model's card, metrics, confusion matrix and figures. */
@Component({
  selector: 'app-models-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DecimalPipe, LoadStateComponent, ConfusionMatrixComponent],
  template: `
    <h1>Models</h1>
    <app-load-state what="model cards" [loading]="models.loading()" [error]="models.error()" (retry)="models.load()" />
    @if (models.value(); as list) {
      <div class="stack" data-testid="model-list">
        @for (m of list; track m.id) {
          <article class="card" [attr.aria-labelledby]="'model-' + m.id" data-testid="model-card">
            <h2 [id]="'model-' + m.id">{{ m.title }}</h2>
            <p class="meta">
              id <code>{{ m.id }}</code>
            </p>
            @if (metricKeys(m).length) {
              <div class="table-wrap">
                <table>
                  <caption class="note">
                    Metrics from metadata.json
                  </caption>
                  <tbody>
                    @for (key of metricKeys(m); track key) {
                      <tr>
                        <th scope="row">{{ key }}</th>
                        <td>{{ isNumber(m.metrics[key]) ? (m.metrics[key] | number: '1.0-4') : m.metrics[key] }}</td>
                      </tr>
                    }
                  </tbody>
                </table>
              </div>
            }
            @if (m.confusion) {
              <h3>Confusion matrix</h3>
              <app-confusion-matrix
                [labels]="m.confusion.labels"
                [matrix]="m.confusion.matrix"
                [caption]="'Confusion matrix of ' + m.id"
              />
            }
            @for (f of m.figures; track f.name) {
              <figure>
                @if (figureUrls()[f.url]; as src) {
                  <img [src]="src" [alt]="'Figure ' + f.name" />
                } @else {
                  <button
                    type="button"
                    class="secondary"
                    [disabled]="loadingFigure() === f.url"
                    (click)="showFigure(f.url)"
                  >
                    Show figure {{ f.name }}
                  </button>
                }
                <figcaption class="meta">{{ f.name }}</figcaption>
              </figure>
            }
            @if (m.card) {
              <details>
                <summary>Model card of {{ m.id }}</summary>
                <pre>{{ m.card }}</pre>
              </details>
            }
          </article>
        } @empty {
          <p class="note">No models in MODELS_DIR.</p>
        }
      </div>
    }
    @if (figureError(); as problem) {
      <p class="alert" role="alert">{{ problem }}</p>
    }
  `,
  styleUrl: '../ui/researcher-page.css',
  styles: `
    pre {
      white-space: pre-wrap;
      font-size: 0.8125rem;
      background: var(--bg);
      padding: 0.5rem;
    }
    img {
      max-width: 100%;
      height: auto;
    }
    figure {
      margin: 0.5rem 0;
    }
    h3 {
      font-size: 1rem;
    }
    table {
      max-width: 32rem;
    }
  `,
})
export default class ModelsPage {
  private readonly api = inject(ResearcherApi);

  protected readonly models = new Loadable(() => this.api.get<ModelCard[]>('/models'));
  /** Figures are behind the sign-in, so they are fetched with the token and shown from object URLs. */
  protected readonly figureUrls = signal<Record<string, string>>({});
  protected readonly loadingFigure = signal<string | null>(null);
  protected readonly figureError = signal<string | null>(null);

  constructor() {
    void this.models.load();
    inject(DestroyRef).onDestroy(() => Object.values(this.figureUrls()).forEach((u) => URL.revokeObjectURL(u)));
  }

  protected metricKeys(m: ModelCard): string[] {
    return Object.keys(m.metrics);
  }

  protected isNumber(v: unknown): v is number {
    return typeof v === 'number';
  }

  protected async showFigure(url: string): Promise<void> {
    this.loadingFigure.set(url);
    this.figureError.set(null);
    try {
      const { blob } = await this.api.blob(url.replace(/^\/api/, ''));
      this.figureUrls.update((urls) => ({ ...urls, [url]: URL.createObjectURL(blob) }));
    } catch (err) {
      this.figureError.set((err as Error).message);
    } finally {
      this.loadingFigure.set(null);
    }
  }
}
