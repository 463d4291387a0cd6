import { DecimalPipe, NgTemplateOutlet, PercentPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import type { ExperimentResults } from '../data-access/api-types';
import { Loadable } from '../data-access/loadable';
import { ResearcherApi } from '../data-access/researcher-api';
import { LoadStateComponent } from '../ui/load-state.component';
import { IntervalChartComponent } from './interval-chart.component';
import { SRM_ALPHA, chanceRows, metricViews, noComparisonText, srmMismatch } from './results-view';

/** `/researcher/experiments/:id/results?study=…`: per-arm metrics with CIs, SRM, mood shift, chance to beat control. */
@Component({
  selector: 'app-experiment-results-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DecimalPipe, NgTemplateOutlet, PercentPipe, RouterLink, LoadStateComponent, IntervalChartComponent],
  templateUrl: './experiment-results.page.html',
  styleUrl: '../ui/researcher-page.css',
  styles: `
    .summary {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem 2rem;
      margin: 0;
    }
    .summary div {
      display: grid;
    }
    .summary dd {
      margin: 0;
      font-size: 1.5rem;
      font-weight: 600;
    }
    .ok {
      color: var(--ok);
    }
  `,
})
export default class ExperimentResultsPage {
  private readonly api = inject(ResearcherApi);
  private readonly router = inject(Router);
  /** `:id` route parameter: the experiment. */
  readonly id = input<string>();
  /** `?study=` query parameter: the study the experiment belongs to. */
  readonly study = input<string>();
  /** `?control=` query parameter: the arm the others are compared with. */
  readonly control = input<string>();

  protected readonly srmAlpha = SRM_ALPHA;
  protected readonly results = new Loadable(() =>
    this.api.get<ExperimentResults>(
      `/studies/${this.study()}/experiments/${this.id()}/results${this.control() ? `?control=${encodeURIComponent(this.control() ?? '')}` : ''}`,
    ),
  );
  protected readonly metrics = computed(() => {
    const r = this.results.value();
    return r ? metricViews(r) : [];
  });
  protected readonly outcomeMetrics = computed(() => this.metrics().filter((m) => !m.metric.startsWith('mood_shift')));
  protected readonly moodMetrics = computed(() => this.metrics().filter((m) => m.metric.startsWith('mood_shift')));
  protected readonly chance = computed(() => chanceRows(this.results.value()?.comparisons ?? []));
  protected readonly mismatch = computed(() => {
    const r = this.results.value();
    return r ? srmMismatch(r) : false;
  });
  protected readonly noComparisonText = computed(() => {
    const r = this.results.value();
    return r ? noComparisonText(r, this.usedControl()) : '';
  });
  protected readonly armKeys = computed(() => Object.keys(this.results.value()?.assigned ?? {}));
  /** The arm the results were computed against: the chosen one, else the server's default (the first key in order). */
  protected readonly usedControl = computed(() => this.control() ?? [...this.armKeys()].sort()[0] ?? null);

  constructor() {
    effect(() => {
      if (this.id() && this.study()) void this.results.load();
    });
  }

  protected chooseControl(arm: string): void {
    void this.router.navigate([], { queryParams: { control: arm }, queryParamsHandling: 'merge' });
  }
}
