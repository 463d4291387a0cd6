import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { BASE_STRATEGY_IDS } from '@attune/recommender';
import type { Arm, Experiment, ExperimentStatus } from '../data-access/api-types';
import { Loadable } from '../data-access/loadable';
import { ResearcherApi } from '../data-access/researcher-api';
import { LoadStateComponent } from '../ui/load-state.component';

interface DraftArm {
  key: string;
  strategy: string;
  weight: number;
}

const NEXT_STATUS: Record<ExperimentStatus, { status: ExperimentStatus; label: string } | null> = {
  draft: { status: 'running', label: 'Start' },
  running: { status: 'stopped', label: 'Stop' },
  stopped: null,
};

/** A study's A/B experiments: arms with strategy and weight, start/stop, and a link to the results. */
@Component({
  selector: 'app-experiments',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, LoadStateComponent],
  template: `
    <h2 id="experiments-heading">Experiments</h2>
    @if (actionError(); as problem) {
      <p class="alert" role="alert">{{ problem }}</p>
    }
    <app-load-state
      what="experiments"
      [loading]="experiments.loading()"
      [error]="experiments.error()"
      (retry)="experiments.load()"
    />
    @if (experiments.value(); as list) {
      <ul class="list" data-testid="experiment-list">
        @for (e of list; track e.id) {
          <li data-testid="experiment-item">
            <strong>{{ e.name }}</strong>
            <span class="badge" [attr.data-status]="e.status" data-testid="experiment-status">{{ e.status }}</span>
            <span class="meta">{{ armsText(e) }}</span>
            @if (next(e.status); as move) {
              <button
                type="button"
                [class.secondary]="move.status === 'stopped'"
                [attr.data-testid]="'experiment-' + move.status"
                [disabled]="busyId() === e.id"
                (click)="setStatus(e, move.status)"
              >
                {{ move.label }} {{ e.name }}
              </button>
            }
            <a
              [routerLink]="['/researcher/experiments', e.id, 'results']"
              [queryParams]="{ study: e.studyId }"
              data-testid="experiment-results-link"
              >Results of {{ e.name }}</a
            >
          </li>
        } @empty {
          <li class="note">No experiments yet.</li>
        }
      </ul>
    }
    <form class="form" (submit)="$event.preventDefault(); create(name)">
      <h3>New experiment</h3>
      <p class="meta">
        Results compare each arm with a control: by default the arm whose key comes first alphabetically (name it
        <code>control</code>, or pick another on the results page).
      </p>
      <label for="experiment-name">Name</label>
      <input #name id="experiment-name" required maxlength="255" data-testid="experiment-name" />
      <datalist id="strategy-options">
        @for (id of strategies; track id) {
          <option [value]="id"></option>
        }
      </datalist>
      @for (arm of arms(); track $index; let i = $index) {
        <fieldset data-testid="arm-row">
          <legend>Arm {{ i + 1 }}</legend>
          <label>
            Key
            <input
              [value]="arm.key"
              (input)="setArm(i, 'key', $any($event.target).value)"
              pattern="[a-z0-9_\\-]{1,64}"
              [attr.data-testid]="'arm-key-' + i"
            />
          </label>
          <label>
            Strategy
            <input
              list="strategy-options"
              [value]="arm.strategy"
              (input)="setArm(i, 'strategy', $any($event.target).value)"
              [attr.data-testid]="'arm-strategy-' + i"
            />
          </label>
          <label>
            Weight
            <input
              type="number"
              min="0.01"
              step="0.01"
              [value]="arm.weight"
              (input)="setArm(i, 'weight', $any($event.target).valueAsNumber)"
              [attr.data-testid]="'arm-weight-' + i"
            />
          </label>
          @if (arms().length > 2) {
            <button type="button" class="secondary" (click)="removeArm(i)">Remove arm {{ i + 1 }}</button>
          }
        </fieldset>
      }
      <div class="row">
        <button type="button" class="secondary" (click)="addArm()" data-testid="add-arm">Add arm</button>
        <button type="submit" data-testid="create-experiment" [disabled]="creating()">
          {{ creating() ? 'Creating…' : 'Create experiment' }}
        </button>
      </div>
      @if (createError(); as problem) {
        <p class="alert" role="alert">{{ problem }}</p>
      }
    </form>
  `,
  styleUrl: '../ui/researcher-page.css',
  styles: `
    fieldset label {
      display: grid;
      gap: 0.125rem;
    }
    h3 {
      font-size: 1rem;
      margin: 1rem 0 0;
    }
  `,
})
export class ExperimentsComponent {
  private readonly api = inject(ResearcherApi);
  readonly studyId = input.required<string>();

  protected readonly strategies = BASE_STRATEGY_IDS;
  protected readonly experiments = new Loadable(() =>
    this.api.get<Experiment[]>(`/studies/${this.studyId()}/experiments`),
  );
  protected readonly arms = signal<DraftArm[]>([
    { key: 'control', strategy: 'emotion-folder-random', weight: 1 },
    {
      key: 'treatment',
      strategy: BASE_STRATEGY_IDS.find((s) => s !== 'emotion-folder-random') ?? 'emotion-folder-random',
      weight: 1,
    },
  ]);
  protected readonly creating = signal(false);
  protected readonly createError = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly busyId = signal<string | null>(null);

  constructor() {
    effect(() => {
      this.studyId();
      void this.experiments.load();
    });
  }

  protected next(status: ExperimentStatus) {
    return NEXT_STATUS[status];
  }

  protected armsText(e: Experiment): string {
    const total = e.arms.reduce((s, a) => s + a.weight, 0);
    return e.arms.map((a: Arm) => `${a.key}: ${a.strategy} (${Math.round((a.weight / total) * 100)}%)`).join(' · ');
  }

  protected setArm<K extends keyof DraftArm>(i: number, field: K, value: DraftArm[K]): void {
    this.arms.update((arms) => arms.map((a, j) => (j === i ? { ...a, [field]: value } : a)));
  }

  protected addArm(): void {
    this.arms.update((arms) => [
      ...arms,
      { key: `arm-${arms.length + 1}`, strategy: 'emotion-folder-random', weight: 1 },
    ]);
  }

  protected removeArm(i: number): void {
    this.arms.update((arms) => arms.filter((_, j) => j !== i));
  }

  protected async create(field: HTMLInputElement): Promise<void> {
    const name = field.value;
    if (!name.trim()) {
      this.createError.set('Name the experiment.');
      return;
    }
    this.creating.set(true);
    this.createError.set(null);
    try {
      await this.api.post(`/studies/${this.studyId()}/experiments`, { name: name.trim(), arms: this.arms() });
      field.value = '';
      await this.experiments.load();
    } catch (err) {
      this.createError.set((err as Error).message);
    } finally {
      this.creating.set(false);
    }
  }

  protected async setStatus(e: Experiment, status: ExperimentStatus): Promise<void> {
    this.busyId.set(e.id);
    this.actionError.set(null);
    try {
      await this.api.patch(`/studies/${this.studyId()}/experiments/${e.id}`, { status });
      await this.experiments.load();
    } catch (err) {
      this.actionError.set((err as Error).message);
    } finally {
      this.busyId.set(null);
    }
  }
}
