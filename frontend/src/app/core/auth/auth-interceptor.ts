import { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { GRAPHQL_URL } from '../graphql/graphql-client';
import { AuthStore } from './auth-store';

/** Sends the access token with every GraphQL request once the user is signed in. */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const token = inject(AuthStore).accessToken();
  if (!token || request.url !== GRAPHQL_URL) return next(request);
  return next(request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }));
};
