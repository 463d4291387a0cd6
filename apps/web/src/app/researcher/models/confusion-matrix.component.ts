import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/** A confusion matrix as a table (rows true, columns predicted), each cell shaded by its share of the row. */
@Component({
  selector: 'app-confusion-matrix',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="wrap">
      <table data-testid="confusion-matrix">
        <caption>
          {{
            caption()
          }}
          (rows: true class, columns: predicted; shade: share of the row)
        </caption>
        <thead>
          <tr>
            <th scope="col">true \\ predicted</th>
            @for (label of labels(); track label) {
              <th scope="col">{{ label }}</th>
            }
          </tr>
        </thead>
        <tbody>
          @for (row of rows(); track row.label) {
            <tr>
              <th scope="row">{{ row.label }}</th>
              @for (cell of row.cells; track $index) {
                <td [style.background]="'rgba(52, 81, 178, ' + cell.share + ')'" [class.dark]="cell.share > 0.5">
                  {{ cell.count }}
                </td>
              }
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `
    .wrap {
      overflow-x: auto;
    }
    table {
      border-collapse: collapse;
      font-size: 0.8125rem;
    }
    caption {
      text-align: left;
      color: var(--muted);
      caption-side: bottom;
    }
    th,
    td {
      padding: 0.25rem 0.4rem;
      border: 1px solid var(--line);
      text-align: right;
    }
    td.dark {
      color: #fff;
    }
  `,
})
export class ConfusionMatrixComponent {
  readonly labels = input.required<readonly string[]>();
  readonly matrix = input.required<readonly (readonly number[])[]>();
  readonly caption = input('Confusion matrix');

  protected readonly rows = computed(() =>
    this.matrix().map((row, i) => {
      const total = row.reduce((s, v) => s + v, 0) || 1;
      return { label: this.labels()[i], cells: row.map((count) => ({ count, share: +(count / total).toFixed(3) })) };
    }),
  );
}
