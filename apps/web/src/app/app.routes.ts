import { Route } from '@angular/router';

export const appRoutes: Route[] = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Attune',
    loadComponent: () => import('./participant/participant.page'),
  },
  {
    // The study's join link: consent first, then the session.
    path: 'join/:code',
    title: 'Attune · Join the study',
    loadComponent: () => import('./participant/participant.page'),
  },
  {
    path: 'researcher',
    loadChildren: () => import('./researcher/researcher.routes'),
  },
  { path: '**', redirectTo: '' },
];
