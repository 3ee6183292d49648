import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { FieldError } from '@bouquet/shared';
import { firstValueFrom } from 'rxjs';

export const GRAPHQL_URL = '/graphql';

interface GraphqlErrorBody {
  message: string;
  extensions?: { code?: string; fields?: FieldError[] };
}

interface GraphqlResponse<T> {
  data?: T | null;
  errors?: GraphqlErrorBody[];
}

/** The first error of a GraphQL answer: its message, `extensions.code` and, for bad input, the fields at fault. */
export class GraphqlRequestError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly fields: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = 'GraphqlRequestError';
  }

  static from(error: unknown): GraphqlRequestError {
    if (error instanceof GraphqlRequestError) return error;
    if (error instanceof HttpErrorResponse && error.status === 0) {
      return new GraphqlRequestError('Cannot reach Bouquet right now. Check your connection and try again.');
    }
    return new GraphqlRequestError('Something went wrong on our side. Please try again.');
  }
}

/** Plain GraphQL over HTTP: `POST /graphql` with `{ query, variables }`. */
@Injectable({ providedIn: 'root' })
export class GraphqlClient {
  private readonly http = inject(HttpClient);

  /** Resolves with `data`; rejects with a GraphqlRequestError. */
  async request<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const body = await firstValueFrom(
      this.http.post<GraphqlResponse<T>>(GRAPHQL_URL, { query, variables }),
    ).catch(graphqlBodyOf<T>);
    const [first] = body.errors ?? [];
    if (first) {
      throw new GraphqlRequestError(first.message, first.extensions?.code, first.extensions?.fields ?? []);
    }
    if (!body.data) throw GraphqlRequestError.from(null);
    return body.data;
  }
}

/** Some GraphQL errors (invalid variables, rate limits) come with a 4xx status but still a GraphQL body. */
function graphqlBodyOf<T>(error: unknown): GraphqlResponse<T> {
  if (error instanceof HttpErrorResponse && Array.isArray(error.error?.errors)) return error.error;
  throw GraphqlRequestError.from(error);
}
