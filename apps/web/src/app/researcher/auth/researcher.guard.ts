import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { ResearcherAuth } from './researcher-auth.service';

/** Dashboard pages need a sign-in; without a token the researcher lands on the sign-in page. */
export const researcherGuard: CanActivateFn = () =>
  inject(ResearcherAuth).token() ? true : inject(Router).parseUrl('/researcher');
