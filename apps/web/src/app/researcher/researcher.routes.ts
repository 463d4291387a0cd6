import type { Route } from '@angular/router';
import { researcherGuard } from './auth/researcher.guard';
import { ResearcherShellComponent } from './shell/researcher-shell.component';

/** The researcher dashboard, loaded only when a researcher opens it (Chart.js stays out of the participant page). */
export const researcherRoutes: Route[] = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Attune · Researcher sign-in',
    loadComponent: () => import('./researcher.page'),
  },
  {
    path: '',
    component: ResearcherShellComponent,
    canActivateChild: [researcherGuard],
    children: [
      { path: 'studies', title: 'Attune · Studies', loadComponent: () => import('./studies/studies.page') },
      { path: 'studies/:id', title: 'Attune · Study', loadComponent: () => import('./studies/study-detail.page') },
      {
        path: 'experiments/:id/results',
        title: 'Attune · Experiment results',
        loadComponent: () => import('./results/experiment-results.page'),
      },
      { path: 'live', title: 'Attune · Live sessions', loadComponent: () => import('./live/live.page') },
      {
        path: 'sessions/:id/replay',
        title: 'Attune · Session replay',
        loadComponent: () => import('./replay/replay.page'),
      },
      { path: 'catalog', title: 'Attune · Catalog', loadComponent: () => import('./catalog/catalog.page') },
      { path: 'models', title: 'Attune · Models', loadComponent: () => import('./models/models.page') },
    ],
  },
];

export default researcherRoutes;
