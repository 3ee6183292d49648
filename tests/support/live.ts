import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { GqlResult } from './api';

export interface LiveSubscription<T = any> {
  received: { data?: T; errors?: unknown[] }[];
  /** What ended the subscription with an error: GraphQL errors, or the socket's close event. */
  failure(): unknown;
  close(): Promise<void>;
}

/** Opens a graphql-ws operation (the portal's subscriptions) and collects what arrives. */
export function subscribe<T = any>(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): LiveSubscription<T> {
  const client: Client = createClient({
    url: baseUrl.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
  });
  const received: LiveSubscription<T>['received'] = [];
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

/**
 * The first answer of an operation sent over the graphql-ws socket: its first result (data or a
 * refusal sent as a result), its error message, or a description of the closed socket.
 */
export async function firstAnswerOverWebSocket(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
  timeoutMs = 5_000,
): Promise<GqlResult> {
  const sub = subscribe(baseUrl, query, variables, token);
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const failure = sub.failure();
      if (Array.isArray(failure)) return { errors: failure };
      if (failure) return { errors: [{ message: `socket closed: ${JSON.stringify(failure)}` }] };
      if (sub.received.length) return sub.received[0] as GqlResult;
      await new Promise((r) => setTimeout(r, 20));
    }
    return {};
  } finally {
    await sub.close();
  }
}
