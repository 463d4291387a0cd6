import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { ResearcherSessionService } from './researcher-session.service';
import { SessionListComponent } from './session-list.component';
import { TimelineChartComponent } from './timeline-chart.component';

/** `/researcher`: e-mail/password sign-in, then the session list and a live timeline of the selected session. */
@Component({
  selector: 'app-researcher-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [SessionListComponent, TimelineChartComponent],
  providers: [ResearcherSessionService],
  templateUrl: './researcher.page.html',
  styleUrl: './researcher.page.css',
})
export default class ResearcherPage {
  protected readonly dashboard = inject(ResearcherSessionService);

  protected readonly signedIn = computed(() => ['online', 'offline'].includes(this.dashboard.status()));

  /** x = 0 of the chart: the session start, or the first sample if the start time is unreadable. */
  protected readonly origin = computed(
    () => Date.parse(this.dashboard.selected()?.startedAt ?? '') || (this.dashboard.timeline()[0]?.at ?? 0),
  );

  constructor() {
    const token = this.dashboard.storedToken();
    if (token) this.dashboard.connect(token);
  }

  protected signIn(email: string, password: string): void {
    if (email.trim() && password) void this.dashboard.signIn(email.trim(), password);
  }
}
