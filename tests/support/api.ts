import { Agent, fetch as undiciFetch } from 'undici';

export interface GqlError {
  message: string;
  extensions?: {
    code?: string;
    reason?: string;
    fields?: { field: string; message: string }[];
    [k: string]: unknown;
  };
}

export interface GqlResult<T = any> {
  data?: T;
  errors?: GqlError[];
}

export interface HttpInit {
  method?: string;
  token?: string;
  json?: unknown;
  body?: string | Buffer;
  headers?: Record<string, string>;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: any;
}

/** A client of one running backend (in-process test app or spawned process), over loopback HTTP. */
export interface Api {
  baseUrl: string;
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>>;
  http(path: string, init?: HttpInit): Promise<HttpAnswer>;
}

/**
 * Keep-alive connections shared by every client of a test file (bursts do not exhaust sockets).
 * An idle one is dropped after at most 2 s, whatever the server announces, so it is never reused
 * just as the server closes it (a request lost to that race fails with "other side closed").
 */
const agent = new Agent({
  connections: 64,
  pipelining: 1,
  keepAliveTimeout: 2_000,
  keepAliveMaxTimeout: 2_000,
});

export function apiAt(baseUrl: string): Api {
  const http: Api['http'] = async (path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.Authorization = `Bearer ${init.token}`;
    let body = init.body;
    if (init.json !== undefined) {
      headers['Content-Type'] ??= 'application/json';
      body = JSON.stringify(init.json);
    }
    const res = await undiciFetch(baseUrl + path, {
      method: init.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      dispatcher: agent,
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers as unknown as Headers, text, json };
  };
  return {
    baseUrl,
    http,
    async gql(query, variables, token) {
      const res = await http('/graphql', { method: 'POST', json: { query, variables }, token });
      if (res.json === undefined) throw new Error(`GraphQL answered ${res.status} without JSON: ${res.text}`);
      return res.json as GqlResult;
    },
  };
}

/** The `extensions.code` of the first error, if any. */
export function codeOf(res: GqlResult): string | undefined {
  return res.errors?.[0]?.extensions?.code;
}

/** Throws with the errors when the operation failed; else its data. */
export async function ok<T = any>(promise: Promise<GqlResult<T>>): Promise<T> {
  const res = await promise;
  if (res.errors?.length || !res.data) throw new Error(JSON.stringify(res.errors ?? res));
  return res.data;
}
