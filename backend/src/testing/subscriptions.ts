import { createClient, Client } from 'graphql-ws';
import WebSocket from 'ws';

/** Opens a graphql-ws subscription and collects what arrives. */
export function subscribe<T = any>(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
) {
  const client: Client = createClient({
    url: baseUrl.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
  });
  const received: { data?: T; errors?: unknown[] }[] = [];
  let failure: unknown;
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => void received.push(value as never),
      error: (e) => (failure = e),
      complete: () => undefined,
    },
  );
  return {
    received,
    failure: () => failure,
    async close() {
      dispose();
      await client.dispose();
    },
  };
}
