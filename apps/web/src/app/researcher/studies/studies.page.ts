import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import type { Study } from '../data-access/api-types';
import { Loadable } from '../data-access/loadable';
import { ResearcherApi } from '../data-access/researcher-api';
import { LoadStateComponent } from '../ui/load-state.component';

/** `/researcher/studies`: the researcher's studies and a form to create one. */
@Component({
  selector: 'app-studies-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RouterLink, LoadStateComponent],
  template: `
    <h1>Studies</h1>
    <div class="layout">
      <section class="card" aria-labelledby="study-list-heading">
        <h2 id="study-list-heading">Your studies</h2>
        <app-load-state
          what="studies"
          [loading]="studies.loading()"
          [error]="studies.error()"
          (retry)="studies.load()"
        />
        @if (studies.value(); as list) {
          <ul class="list" data-testid="study-list">
            @for (study of list; track study.id) {
              <li>
                <a [routerLink]="['/researcher/studies', study.id]" data-testid="study-link">{{ study.title }}</a>
                <span class="badge" [attr.data-status]="study.status">{{ study.status }}</span>
                <time [attr.datetime]="study.createdAt">{{ study.createdAt | date: 'mediumDate' }}</time>
              </li>
            } @empty {
              <li class="note" data-testid="studies-empty">No studies yet. Create the first one.</li>
            }
          </ul>
        }
      </section>
      <section class="card" aria-labelledby="new-study-heading">
        <h2 id="new-study-heading">New study</h2>
        <form class="form" (submit)="$event.preventDefault(); create(title.value, description.value)">
          <label for="study-title">Title</label>
          <input #title id="study-title" name="title" required maxlength="255" data-testid="study-title" />
          <label for="study-description">Description</label>
          <textarea
            #description
            id="study-description"
            name="description"
            rows="4"
            data-testid="study-description"
          ></textarea>
          @if (createError(); as problem) {
            <p class="alert" role="alert">{{ problem }}</p>
          }
          <button type="submit" data-testid="create-study" [disabled]="creating()">
            {{ creating() ? 'Creating…' : 'Create study' }}
          </button>
        </form>
      </section>
    </div>
  `,
  styleUrl: '../ui/researcher-page.css',
})
export default class StudiesPage {
  private readonly api = inject(ResearcherApi);
  private readonly router = inject(Router);

  protected readonly studies = new Loadable(() => this.api.get<Study[]>('/studies'));
  protected readonly creating = signal(false);
  protected readonly createError = signal<string | null>(null);

  constructor() {
    void this.studies.load();
  }

  protected async create(title: string, description: string): Promise<void> {
    if (!title.trim()) {
      this.createError.set('Give the study a title.');
      return;
    }
    this.creating.set(true);
    this.createError.set(null);
    try {
      const study = await this.api.post<Study>('/studies', { title: title.trim(), description });
      await this.router.navigate(['/researcher/studies', study.id]);
    } catch (err) {
      this.createError.set((err as Error).message);
    } finally {
      this.creating.set(false);
    }
  }
}
