import { Route } from '@angular/router';

export const appRoutes: Route[] = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Attune',
    loadComponent: () => import('./participant/participant.page'),
  },
  {
    path: 'researcher',
    title: 'Attune · Researcher',
    loadComponent: () => import('./researcher/researcher.page'),
  },
  { path: '**', redirectTo: '' },
];
