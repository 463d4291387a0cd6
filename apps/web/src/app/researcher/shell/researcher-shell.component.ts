import { ChangeDetectionStrategy, Component, effect, inject } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { ResearcherAuth } from '../auth/researcher-auth.service';

/** The dashboard frame: its sections and sign-out, with the routed page below. */
@Component({
  selector: 'app-researcher-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, RouterLinkActive, RouterOutlet],
  template: `
    <div class="bar">
      <nav aria-label="Researcher dashboard">
        <a routerLink="/researcher/studies" routerLinkActive="active" ariaCurrentWhenActive="page">Studies</a>
        <a routerLink="/researcher/live" routerLinkActive="active" ariaCurrentWhenActive="page">Live sessions</a>
        <a routerLink="/researcher/catalog" routerLinkActive="active" ariaCurrentWhenActive="page">Catalog</a>
        <a routerLink="/researcher/models" routerLinkActive="active" ariaCurrentWhenActive="page">Models</a>
      </nav>
      <button type="button" class="secondary" data-testid="sign-out" (click)="signOut()">Sign out</button>
    </div>
    <router-outlet />
  `,
  styles: `
    .bar {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: center;
      gap: 0.5rem;
      margin-bottom: 1rem;
      border-bottom: 1px solid var(--line);
      padding-bottom: 0.5rem;
    }
    nav {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
    }
    a {
      color: var(--accent);
      text-decoration: none;
      padding: 0.375rem 0.625rem;
      border-radius: 6px;
    }
    a.active {
      background: var(--accent);
      color: #fff;
    }
  `,
})
export class ResearcherShellComponent {
  private readonly auth = inject(ResearcherAuth);
  private readonly router = inject(Router);

  constructor() {
    // A token refused by the server (expired, revoked) ends the visit to the dashboard.
    effect(() => {
      if (!this.auth.token()) void this.router.navigateByUrl('/researcher');
    });
  }

  protected async signOut(): Promise<void> {
    await this.auth.signOut();
    await this.router.navigateByUrl('/researcher');
  }
}
