import { Routes } from '@angular/router';
import { signedInGuard, signedOutGuard } from './core/auth/auth-guards';
import { OrganizationStore } from './core/organizations/organization-store';
import { areaGuard } from './core/shell/area-guard';

/**
 * One lazy chunk per area; the brand, creator and agency areas join the signed-in shell with their own route
 * files, each open only to organizations of its kind (areaGuard). The organizations are provided here, so the
 * shell, the guards and the screens share them.
 */
export const routes: Routes = [
  {
    path: 'app',
    canMatch: [signedInGuard],
    providers: [OrganizationStore],
    loadComponent: () => import('./core/shell/shell').then((m) => m.Shell),
    children: [
      {
        path: '',
        pathMatch: 'full',
        loadComponent: () => import('./core/shell/area-home').then((m) => m.AreaHome),
      },
      {
        path: 'brand',
        canMatch: [areaGuard('BRAND')],
        loadChildren: () => import('./brand/brand.routes').then((m) => m.brandRoutes),
      },
      {
        path: 'creator',
        canMatch: [areaGuard('CREATOR')],
        loadChildren: () => import('./creator/creator.routes').then((m) => m.creatorRoutes),
      },
      {
        path: 'agency',
        canMatch: [areaGuard('AGENCY')],
        loadChildren: () => import('./agency/agency.routes').then((m) => m.agencyRoutes),
      },
      {
        path: 'live',
        loadChildren: () => import('./live/live.routes').then((m) => m.liveRoutes),
      },
      {
        path: 'settings',
        loadChildren: () => import('./settings/settings.routes').then((m) => m.settingsRoutes),
      },
    ],
  },
  {
    path: '',
    loadComponent: () => import('./core/public/public-layout').then((m) => m.PublicLayout),
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Bouquet: sponsored rose drops with live-stream creators',
        loadComponent: () => import('./core/landing/landing-page').then((m) => m.LandingPage),
      },
      {
        path: 'login',
        title: 'Log in · Bouquet',
        canMatch: [signedOutGuard],
        loadComponent: () => import('./core/auth/login-page').then((m) => m.LoginPage),
      },
      {
        path: 'signup',
        title: 'Sign up · Bouquet',
        canMatch: [signedOutGuard],
        loadComponent: () => import('./core/auth/signup-page').then((m) => m.SignupPage),
      },
    ],
  },
  // Reached only when a signed-in user opens /login or /signup (their guards did not match).
  { path: 'login', redirectTo: 'app' },
  { path: 'signup', redirectTo: 'app' },
  { path: '**', redirectTo: '' },
];
