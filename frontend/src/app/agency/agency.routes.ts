import { Routes } from '@angular/router';

/** The agency area, under `/app/agency`: overview of granted brands, a brand's campaigns, a campaign's report. */
export const agencyRoutes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Overview · Bouquet',
    loadComponent: () => import('./overview/agency-overview-page').then((m) => m.AgencyOverviewPage),
  },
  {
    path: 'brands/:brandId',
    title: 'Brand campaigns · Bouquet',
    loadComponent: () => import('./brand/agency-brand-page').then((m) => m.AgencyBrandPage),
  },
  {
    path: 'campaigns/:campaignId',
    title: 'Campaign report · Bouquet',
    loadComponent: () => import('./report/agency-report-page').then((m) => m.AgencyReportPage),
  },
];
