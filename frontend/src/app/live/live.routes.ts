import { Routes } from '@angular/router';

/** Live monitors of streams, under `/app/live`, for creators and for the brands with drops in them. */
export const liveRoutes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Live monitor · Bouquet',
    loadComponent: () => import('./live-now-page').then((m) => m.LiveNowPage),
  },
  {
    path: ':streamId',
    title: 'Live monitor · Bouquet',
    loadComponent: () => import('./live-monitor-page').then((m) => m.LiveMonitorPage),
  },
];
