import { Routes } from '@angular/router';

/** One lazy chunk per area; the brand, creator and agency areas join here with their own route files. */
export const routes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Bouquet: sponsored rose drops with live-stream creators',
    loadComponent: () => import('./core/landing/landing-page').then((m) => m.LandingPage),
  },
  {
    path: 'login',
    title: 'Log in · Bouquet',
    loadComponent: () => import('./core/auth/login-page').then((m) => m.LoginPage),
  },
  {
    path: 'signup',
    title: 'Sign up · Bouquet',
    loadComponent: () => import('./core/auth/signup-page').then((m) => m.SignupPage),
  },
  { path: '**', redirectTo: '' },
];
