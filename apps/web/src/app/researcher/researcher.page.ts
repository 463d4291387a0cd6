import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { ActivatedRoute, Router } from '@angular/router';
import { ResearcherSessionService } from './researcher-session.service';
import { SessionListComponent } from './session-list.component';
import { TimelineChartComponent } from './timeline-chart.component';

/** `/researcher`: key sign-in, then the session list and a live timeline of the selected session. */
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
  private readonly router = inject(Router);

  protected readonly signedIn = computed(() => ['online', 'offline'].includes(this.dashboard.status()));

  /** x = 0 of the chart: the session start, or the first sample if the start time is unreadable. */
  protected readonly origin = computed(
    () => Date.parse(this.dashboard.selected()?.startedAt ?? '') || (this.dashboard.timeline()[0]?.at ?? 0),
  );

  constructor() {
    const fromUrl = inject(ActivatedRoute).snapshot.queryParamMap.get('key');
    if (fromUrl) {
      // Drop the key from the address bar so it does not end up in history or a shared link.
      void this.router.navigate([], { queryParams: { key: null }, queryParamsHandling: 'merge', replaceUrl: true });
    }
    const key = fromUrl ?? this.dashboard.storedKey();
    if (key) this.dashboard.connect(key);
  }

  protected signIn(key: string): void {
    if (key.trim()) this.dashboard.connect(key.trim());
  }
}
