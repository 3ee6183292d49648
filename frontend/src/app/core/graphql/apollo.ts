import { inject, Injector, Provider } from '@angular/core';
import { InMemoryCache } from '@apollo/client/cache';
import { ApolloLink } from '@apollo/client/link';
import { HttpLink } from '@apollo/client/link/http';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { provideApollo } from 'apollo-angular';
import { Kind, OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';
import { AuthStore } from '../auth/auth-store';
import { sessionLink } from './session-link';

export const GRAPHQL_PATH = '/graphql';

/** `ws(s)://<host>/graphql`, following the page's scheme. */
export function graphqlWsUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${GRAPHQL_PATH}`;
}

/**
 * Apollo for the portal: queries and mutations over HTTP, subscriptions over graphql-ws, the session on both.
 * The feature stores keep their own state in signals, so the cache is only a transport detail here
 * (stores ask with `fetchPolicy: 'no-cache'`).
 */
export function provideGraphql(): Provider {
  return provideApollo(() => {
    // The AuthStore itself talks to Apollo, so it is looked up when an operation runs, not now.
    const injector = inject(Injector);
    const auth = (): AuthStore => injector.get(AuthStore);
    const session = {
      accessToken: () => auth().accessToken(),
      refresh: () => auth().refresh(),
      expire: () => auth().expire(),
    };
    const http = new HttpLink({ uri: GRAPHQL_PATH });
    const ws = new GraphQLWsLink(
      createClient({
        url: graphqlWsUrl(window.location),
        lazy: true,
        retryAttempts: Infinity,
        shouldRetry: () => true,
        connectionParams: () => {
          const token = session.accessToken();
          return token ? { authorization: `Bearer ${token}` } : {};
        },
      }),
    );
    const isSubscription = (operation: ApolloLink.Operation): boolean => {
      const definition = getMainDefinition(operation.query);
      return (
        definition.kind === Kind.OPERATION_DEFINITION &&
        definition.operation === OperationTypeNode.SUBSCRIPTION
      );
    };
    return {
      link: ApolloLink.split(isSubscription, ws, ApolloLink.from([sessionLink(session), http])),
      cache: new InMemoryCache(),
      defaultOptions: {
        query: { fetchPolicy: 'no-cache' },
        watchQuery: { fetchPolicy: 'no-cache' },
        mutate: { fetchPolicy: 'no-cache' },
      },
    };
  });
}
