import { Routes } from '@angular/router';

/** Settings of the current organization, one lazy chunk per screen. */
export const settingsRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'api-keys' },
  {
    path: 'api-keys',
    title: 'API keys · Bouquet',
    loadComponent: () => import('./api-keys/api-keys-page').then((m) => m.ApiKeysPage),
  },
  {
    path: 'agency-access',
    title: 'Agency access · Bouquet',
    loadComponent: () => import('./agency-access/agency-access-page').then((m) => m.AgencyAccessPage),
  },
  {
    path: 'audit-log',
    title: 'Audit log · Bouquet',
    loadComponent: () => import('./audit-log/audit-log-page').then((m) => m.AuditLogPage),
  },
];
