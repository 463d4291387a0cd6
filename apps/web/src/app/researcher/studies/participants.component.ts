import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import type { ConsentRecord, Participant, Withdrawal } from '../data-access/api-types';
import { Loadable } from '../data-access/loadable';
import { ResearcherApi } from '../data-access/researcher-api';
import { LoadStateComponent } from '../ui/load-state.component';

/** A study's participants: codes to hand out, their consent log, and withdrawal (which deletes their data). */
@Component({
  selector: 'app-participants',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, LoadStateComponent],
  template: `
    <div class="row heading">
      <h2 id="participants-heading">Participants</h2>
      <button type="button" data-testid="add-participant" [disabled]="adding()" (click)="add()">
        {{ adding() ? 'Adding…' : 'Add participant' }}
      </button>
    </div>
    @if (actionError(); as problem) {
      <p class="alert" role="alert">{{ problem }}</p>
    }
    <app-load-state
      what="participants"
      [loading]="participants.loading()"
      [error]="participants.error()"
      (retry)="participants.load()"
    />
    @if (participants.value(); as list) {
      <ul class="list" data-testid="participant-list">
        @for (p of list; track p.id) {
          <li data-testid="participant-item">
            <code data-testid="participant-code">{{ p.code }}</code>
            <span class="meta"
              >join: <code>{{ p.joinPath }}</code></span
            >
            <span class="badge" [attr.data-status]="p.consent ? 'running' : 'none'">
              {{ p.consent ? 'consented (v' + p.consent.formVersion + ')' : 'no consent yet' }}
            </span>
            <button type="button" class="secondary" [attr.aria-expanded]="openLog() === p.id" (click)="toggleLog(p)">
              Consent log of {{ p.code }}
            </button>
            @if (confirming() === p.id) {
              <button type="button" class="danger" [disabled]="withdrawing()" (click)="withdraw(p)">
                Confirm: delete all data of {{ p.code }}
              </button>
              <button type="button" class="secondary" (click)="confirming.set(null)">Cancel</button>
            } @else {
              <button type="button" class="secondary" (click)="confirming.set(p.id)">Withdraw {{ p.code }}</button>
            }
            @if (openLog() === p.id) {
              <div class="log">
                @if (logLoading()) {
                  <progress aria-label="Loading consent log"></progress>
                }
                <ol>
                  @for (record of log(); track $index) {
                    <li>
                      <time [attr.datetime]="record.at">{{ record.at | date: 'medium' }}</time
                      >: form v{{ record.formVersion }}; camera {{ record.choices.camera ? 'yes' : 'no' }}, microphone
                      {{ record.choices.microphone ? 'yes' : 'no' }}, text {{ record.choices.text ? 'yes' : 'no' }}, raw
                      media {{ record.choices.storeRawMedia ? 'yes' : 'no' }}
                    </li>
                  } @empty {
                    @if (!logLoading()) {
                      <li class="note">No consent recorded.</li>
                    }
                  }
                </ol>
              </div>
            }
          </li>
        } @empty {
          <li class="note">No participants yet. Add one and hand them the code.</li>
        }
      </ul>
    }
    @if (withdrawals.value()?.length) {
      <h3>Withdrawn</h3>
      <ul class="list">
        @for (w of withdrawals.value(); track w.participantCode) {
          <li>
            <code>{{ w.participantCode }}</code>
            <time [attr.datetime]="w.withdrawnAt">{{ w.withdrawnAt | date: 'medium' }}</time>
          </li>
        }
      </ul>
    }
  `,
  styleUrl: '../ui/researcher-page.css',
  styles: `
    .heading {
      justify-content: space-between;
    }
    .log {
      flex-basis: 100%;
      font-size: 0.875rem;
    }
    button.danger {
      background: var(--danger);
      border-color: var(--danger);
    }
    h3 {
      font-size: 1rem;
    }
  `,
})
export class ParticipantsComponent {
  private readonly api = inject(ResearcherApi);
  readonly studyId = input.required<string>();

  protected readonly participants = new Loadable(() =>
    this.api.get<Participant[]>(`/studies/${this.studyId()}/participants`),
  );
  protected readonly withdrawals = new Loadable(() =>
    this.api.get<Withdrawal[]>(`/studies/${this.studyId()}/withdrawals`),
  );
  protected readonly adding = signal(false);
  protected readonly withdrawing = signal(false);
  protected readonly actionError = signal<string | null>(null);
  protected readonly confirming = signal<string | null>(null);
  protected readonly openLog = signal<string | null>(null);
  protected readonly log = signal<readonly ConsentRecord[]>([]);
  protected readonly logLoading = signal(false);

  constructor() {
    effect(() => {
      this.studyId();
      void this.participants.load();
      void this.withdrawals.load();
    });
  }

  protected async add(): Promise<void> {
    await this.act(this.adding, () => this.api.post(`/studies/${this.studyId()}/participants`));
  }

  protected async withdraw(p: Participant): Promise<void> {
    await this.act(this.withdrawing, () => this.api.delete(`/studies/${this.studyId()}/participants/${p.id}`));
    this.confirming.set(null);
    void this.withdrawals.load();
  }

  protected async toggleLog(p: Participant): Promise<void> {
    if (this.openLog() === p.id) {
      this.openLog.set(null);
      return;
    }
    this.openLog.set(p.id);
    this.log.set([]);
    this.logLoading.set(true);
    try {
      const records = await this.api.get<ConsentRecord[]>(`/studies/${this.studyId()}/participants/${p.id}/consent`);
      if (this.openLog() === p.id) this.log.set(records);
    } catch (err) {
      this.actionError.set((err as Error).message);
    } finally {
      this.logLoading.set(false);
    }
  }

  private async act(flag: ReturnType<typeof signal<boolean>>, call: () => Promise<unknown>): Promise<void> {
    flag.set(true);
    this.actionError.set(null);
    try {
      await call();
      await this.participants.load();
    } catch (err) {
      this.actionError.set((err as Error).message);
    } finally {
      flag.set(false);
    }
  }
}
