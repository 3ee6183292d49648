import { ApolloLink } from '@apollo/client/link';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { catchError, from, mergeMap, Observable, of, throwError } from 'rxjs';

/** What the link needs from the session: the token to send, and a way to renew it or give up. */
export interface SessionPort {
  accessToken(): string | null;
  /** Renews the session with the refresh token; resolves false when that is no longer possible. Single-flight. */
  refresh(): Promise<boolean>;
  /** The session is over: forget it and send the user to log in. */
  expire(): void;
}

/** Operations that never carry or renew a session. */
const SESSION_OPERATIONS = new Set(['LogIn', 'SignUp', 'RefreshSession', 'LogOut']);

/**
 * Adds `Authorization: Bearer <token>` to each operation. When the API answers UNAUTHENTICATED (the access
 * token expired), it refreshes the session once and sends the same operation again with the new token, so
 * a form being saved is not lost; if the refresh fails, the session expires and the user goes to log in.
 */
export function sessionLink(session: SessionPort): ApolloLink {
  return new ApolloLink((operation, forward) => {
    const send = (): Observable<ApolloLink.Result> => {
      const token = session.accessToken();
      operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({
        headers: token ? { ...headers, authorization: `Bearer ${token}` } : headers,
      }));
      return forward(operation);
    };
    if (SESSION_OPERATIONS.has(operation.operationName ?? '')) return forward(operation);
    if (!session.accessToken()) return send();

    const retryAfterRefresh = (failure: Observable<ApolloLink.Result>): Observable<ApolloLink.Result> =>
      from(session.refresh()).pipe(
        mergeMap((renewed) => {
          if (renewed) return send();
          session.expire();
          return failure;
        }),
      );

    return send().pipe(
      mergeMap((result) => (isUnauthenticated(result.errors) ? retryAfterRefresh(of(result)) : of(result))),
      catchError((error: unknown) =>
        isUnauthenticatedError(error) ? retryAfterRefresh(throwError(() => error)) : throwError(() => error),
      ),
    );
  });
}

function isUnauthenticated(errors: readonly { extensions?: Record<string, unknown> }[] | undefined): boolean {
  return (errors ?? []).some((error) => error.extensions?.['code'] === 'UNAUTHENTICATED');
}

function isUnauthenticatedError(error: unknown): boolean {
  if (CombinedGraphQLErrors.is(error)) return isUnauthenticated(error.errors);
  if (ServerError.is(error)) {
    if (error.statusCode === 401) return true;
    try {
      return isUnauthenticated((JSON.parse(error.bodyText) as { errors?: [] }).errors);
    } catch {
      return false;
    }
  }
  return false;
}
