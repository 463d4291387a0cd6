import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

/** The shell: a header with the two areas and the routed page below. */
@Component({
  selector: 'app-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, RouterLinkActive, RouterOutlet],
  template: `
    <header class="shell">
      <nav aria-label="Main">
        <a
          routerLink="/"
          routerLinkActive="active"
          [routerLinkActiveOptions]="{ exact: true }"
          ariaCurrentWhenActive="page"
        >
          Participant
        </a>
        <a routerLink="/researcher" routerLinkActive="active" ariaCurrentWhenActive="page">Researcher</a>
      </nav>
    </header>
    <main>
      <router-outlet />
    </main>
  `,
  styles: `
    .shell {
      background: var(--fg);
    }
    nav {
      max-width: 72rem;
      margin: 0 auto;
      padding: 0.5rem 1rem;
      display: flex;
      gap: 1rem;
    }
    a {
      color: #fff;
      text-decoration: none;
      padding: 0.25rem 0.5rem;
      border-radius: 4px;
    }
    a.active {
      background: rgba(255, 255, 255, 0.18);
    }
    a:focus-visible {
      outline-color: #fff;
    }
    main {
      max-width: 72rem;
      margin: 0 auto;
      padding: 1rem;
    }
  `,
})
export class App {}
