import { inject, Injectable } from '@angular/core';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Apollo } from 'apollo-angular';
import { filter, firstValueFrom, map, Observable } from 'rxjs';
import { GraphqlRequestError, UNEXPECTED_MESSAGE } from './graphql-error';

type Variables = Record<string, unknown>;

/**
 * Typed GraphQL for the feature stores: the documents come from graphql-codegen (`generated.ts`), answers
 * are promises of `data`, and every failure is a GraphqlRequestError (message, code, fields).
 */
@Injectable({ providedIn: 'root' })
export class Graphql {
  private readonly apollo = inject(Apollo);

  query<T, V extends Variables>(query: TypedDocumentNode<T, V>, variables: V): Promise<T> {
    return this.settle(this.apollo.query<T, V>({ query, variables, fetchPolicy: 'no-cache' } as never));
  }

  mutate<T, V extends Variables>(mutation: TypedDocumentNode<T, V>, variables: V): Promise<T> {
    return this.settle(this.apollo.mutate<T, V>({ mutation, variables, fetchPolicy: 'no-cache' } as never));
  }

  /** The `data` of each event; errors as GraphqlRequestError. graphql-ws reconnects on its own. */
  subscribe<T, V extends Variables>(query: TypedDocumentNode<T, V>, variables: V): Observable<T> {
    return this.apollo.subscribe<T, V>({ query, variables, fetchPolicy: 'no-cache' } as never).pipe(
      map((result) => {
        if (result.error) throw GraphqlRequestError.from(result.error);
        return result.data as T | undefined;
      }),
      filter((data): data is T => data != null),
    );
  }

  private async settle<T>(answer: Observable<{ data?: unknown; error?: unknown }>): Promise<T> {
    let result: { data?: unknown; error?: unknown };
    try {
      result = await firstValueFrom(answer);
    } catch (error) {
      throw GraphqlRequestError.from(error);
    }
    if (result.error) throw GraphqlRequestError.from(result.error);
    if (result.data == null) throw new GraphqlRequestError(UNEXPECTED_MESSAGE);
    return result.data as T;
  }
}
