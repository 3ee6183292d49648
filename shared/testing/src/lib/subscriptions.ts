import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface SubscriptionResult<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface LiveSubscription<T = any> {
  /** Every result received, in order (data, or errors sent as a result). */
  received: SubscriptionResult<T>[];
  /** Resolves once the server acknowledged the socket (the operation is registered right after). */
  ready: Promise<void>;
  /** What ended the subscription with an error: GraphQL errors, or the socket's close event. */
  failure(): unknown;
  close(): Promise<void>;
}

/** Opens a graphql-ws operation (the portal's subscriptions) on one server and collects what arrives. */
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
  const received: SubscriptionResult<T>[] = [];
  let failure: unknown;
  let connected!: () => void;
  const ready = new Promise<void>((resolve) => (connected = resolve));
  client.on('connected', () => connected());
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => void received.push(value as SubscriptionResult<T>),
      error: (e) => (failure = e),
      complete: () => undefined,
    },
  );
  return {
    received,
    ready,
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
): Promise<SubscriptionResult<any>> {
  const sub = subscribe(baseUrl, query, variables, token);
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const failure = sub.failure();
      if (Array.isArray(failure)) return { errors: failure };
      if (failure) return { errors: [{ message: `socket closed: ${JSON.stringify(failure)}` }] };
      if (sub.received.length) return sub.received[0];
      await new Promise((r) => setTimeout(r, 20));
    }
    return {};
  } finally {
    await sub.close();
  }
}
