import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Router } from '@angular/router';
import { ResearcherAuth } from './auth/researcher-auth.service';

/** `/researcher`: e-mail/password sign-in; a researcher already signed in goes straight to the studies. */
@Component({
  selector: 'app-researcher-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './researcher.page.html',
  styleUrl: './researcher.page.css',
})
export default class ResearcherPage {
  protected readonly auth = inject(ResearcherAuth);
  private readonly router = inject(Router);

  constructor() {
    if (this.auth.token()) void this.router.navigateByUrl('/researcher/studies');
  }

  protected async signIn(email: string, password: string): Promise<void> {
    if (!email.trim() || !password) {
      this.auth.message.set('Enter your e-mail and password.');
      return;
    }
    if (await this.auth.signIn(email.trim(), password)) await this.router.navigateByUrl('/researcher/studies');
  }
}
