import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { EXPORT_TABLE_OPTIONS, type ExportTable } from '../data-access/api-types';
import { ResearcherApi } from '../data-access/researcher-api';
import { DOWNLOADER } from '../ui/downloader.token';

/** Download buttons for each export table of a study, as CSV or JSON. */
@Component({
  selector: 'app-exports',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 id="exports-heading">Exports</h2>
    <p class="note">
      Tidy long-format tables (one observation per row) for pandas or R; participants appear only by pseudonymous code.
    </p>
    <div class="row">
      <label for="export-format">Format</label>
      <select id="export-format" data-testid="export-format" (change)="format.set($any($event.target).value)">
        <option value="csv">CSV</option>
        <option value="json">JSON</option>
      </select>
    </div>
    <div class="row buttons">
      @for (table of tables; track table) {
        <button
          type="button"
          class="secondary"
          [attr.data-testid]="'export-' + table"
          [disabled]="busy() === table"
          (click)="download(table)"
        >
          {{ busy() === table ? 'Preparing ' + table + '…' : 'Download ' + table }}
        </button>
      }
    </div>
    @if (busy()) {
      <progress [attr.aria-label]="'Preparing ' + busy()"></progress>
    }
    @if (error(); as problem) {
      <p class="alert" role="alert">{{ problem }}</p>
    }
  `,
  styleUrl: '../ui/researcher-page.css',
  styles: `
    .buttons {
      margin-top: 0.5rem;
    }
  `,
})
export class ExportsComponent {
  private readonly api = inject(ResearcherApi);
  private readonly save = inject(DOWNLOADER);
  readonly studyId = input.required<string>();

  protected readonly tables = EXPORT_TABLE_OPTIONS;
  protected readonly format = signal<'csv' | 'json'>('csv');
  protected readonly busy = signal<ExportTable | null>(null);
  protected readonly error = signal<string | null>(null);

  protected async download(table: ExportTable): Promise<void> {
    this.busy.set(table);
    this.error.set(null);
    try {
      const { blob, filename } = await this.api.blob(
        `/studies/${this.studyId()}/export/${table}?format=${this.format()}`,
      );
      this.save(blob, filename ?? `${table}.${this.format()}`);
    } catch (err) {
      this.error.set((err as Error).message);
    } finally {
      this.busy.set(null);
    }
  }
}
